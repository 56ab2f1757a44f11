import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser } from "playwright-core";
import { freePort } from "@/test/free-port";

/**
 * Issue 11, item 11: the README's data-team commands run as written beside a
 * running server on the embedded database. The server is started the way the
 * README's quick start does (`npm start`: build if there is none, migrate,
 * seed the demo, serve) on a fresh PGlite folder; the token is made the way
 * the README says (sign in as the printed admin, API tokens page); then the
 * marked block is run by bash with only `pw_…` and the base URL replaced. The
 * CLI's `token create`, which cannot open the held database, must say where
 * to go instead. Always the embedded database: that is what the README's
 * example is about (TEST_DATABASE_URL is ignored).
 */
const root = path.resolve(__dirname, "..");
const README = fs.readFileSync(path.join(root, "README.md"), "utf8");
const MARK = "<!-- readme-rest:";

/** The commands of the marked ```sh block, continuation lines joined as bash would read them. */
export function readmeRestCommands(readme: string): string[] {
  const start = readme.indexOf(MARK);
  if (start < 0) throw new Error(`README.md has no ${MARK} block`);
  const fence = readme.indexOf("```sh\n", start);
  const end = readme.indexOf("\n```", fence + 6);
  const body = readme.slice(fence + 6, end);
  return body
    .replace(/\\\n\s*/g, "")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
}

const chromiumPath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pw-readme-"));
let server: ChildProcess | undefined;
let browser: Browser | undefined;
let port = 0;
let output = "";

/** This process's environment for a child on the README's database: no test database, no settings of the runner's own. */
function readmeEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: `pglite:${path.join(dir, "pglite")}`, NEXT_TELEMETRY_DISABLED: "1", ...extra };
  for (const key of ["TEST_DATABASE_URL", "NEXTAUTH_URL", "NEXTAUTH_SECRET", "NODE_ENV"]) delete env[key]; // vitest sets NODE_ENV=test; `npm start` sets production for the server
  return env;
}

function stopServer() {
  if (server?.pid && server.exitCode === null) {
    try {
      process.kill(-server.pid, "SIGTERM"); // the whole group: tsx, next start and its workers
    } catch {
      // already gone
    }
  }
}

beforeAll(async () => {
  port = await freePort();
  server = spawn("npm", ["start"], { cwd: root, env: readmeEnv({ PORT: String(port) }), detached: true, stdio: ["ignore", "pipe", "pipe"] });
  server.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 540_000; // a first run builds the app
  while (!output.includes("Pairwise is running at")) {
    if (server.exitCode !== null) throw new Error(`npm start exited (${server.exitCode}):\n${output}`);
    if (Date.now() > deadline) throw new Error(`npm start did not come up:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  stopServer();
  // Let next start release the folder before it is removed.
  await new Promise((resolve) => setTimeout(resolve, 500));
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("README, REST API: the data team's commands", () => {
  it("finds the marked block: a TOKEN line and curl commands on localhost:3000", () => {
    const commands = readmeRestCommands(README);
    expect(commands[0]).toMatch(/^TOKEN=pw_…\s/);
    expect(commands.slice(1).every((c) => c.startsWith("curl ") && c.includes("http://localhost:3000/api/v1/"))).toBe(true);
    expect(commands).toHaveLength(3);
  });

  it("run as written beside `npm start` on the embedded database, with a token from the API tokens page", async () => {
    const base = `http://localhost:${port}`;
    const admin = /ADMIN\s+(\S+@\S+)\s+(\S+)/.exec(output);
    expect(admin, `npm start printed no admin account:\n${output}`).not.toBeNull();
    const [, email, password] = admin!;

    // The documented way to a token while the server holds the database: the API tokens page.
    const page = await browser!.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${base}/login`);
    await page.getByLabel("Email").fill(email!);
    await page.getByLabel("Password").fill(password!);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${base}/admin`); // an admin lands in the admin area
    await page.getByRole("link", { name: "API tokens" }).click();
    await page.getByLabel("New token").fill("readme");
    await page.getByRole("button", { name: "Create token" }).click();
    const token = await page.getByLabel("Your new API token").inputValue();
    expect(token).toMatch(/^pw_/);
    await page.close();

    // The CLI cannot open the held database, and says where to make the token instead.
    const cli = spawnSync("npm", ["run", "--silent", "cli", "--", "token", "create", "--email", email!, "--name", "beside the server"], {
      cwd: root,
      env: readmeEnv({ PORT: String(port) }),
      encoding: "utf8",
    });
    expect(cli.status).toBe(1);
    expect(cli.stdout).toBe("");
    expect(cli.stderr).toContain("is in use by another process");
    expect(cli.stderr).toContain(`sign in and open ${base}/tokens`);

    // The block as written: only the pasted token and the server's address differ.
    const work = fs.mkdtempSync(path.join(dir, "work-"));
    const items = [1, 2, 3].map((n) => JSON.stringify({ id: `readme-${n}`, prompt: `Question ${n}?`, response_a: `Answer A${n}`, response_b: `Answer B${n}` }));
    fs.writeFileSync(path.join(work, "items.jsonl"), `${items.join("\n")}\n`);
    const commands = readmeRestCommands(README).map((c) => c.replace("TOKEN=pw_…", `TOKEN=${token}`).replaceAll("http://localhost:3000", base));
    const run = (lines: string[]) => spawnSync("bash", ["-c", `set -e\n${lines.join("\n")}`], { cwd: work, encoding: "utf8" });

    const imported = run(commands.slice(0, 2));
    expect(imported.status, imported.stderr + imported.stdout).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ imported: 3, duplicates: 0, errors: [] });

    // Some judgments, so the export has lines (the admin leads the demo, so may judge it).
    const auth = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
    for (let n = 0; n < 2; n++) {
      const next = await fetch(`${base}/api/v1/projects/demo/next`, { headers: auth });
      expect(next.status).toBe(200);
      const { item_id } = (await next.json()) as { item_id: string };
      const judged = await fetch(`${base}/api/v1/projects/demo/judgments`, {
        method: "POST",
        headers: auth,
        body: JSON.stringify({ item_id, preference: -2, client_id: `readme-judgment-${n}` }),
      });
      expect(judged.status).toBe(201);
    }

    const exported = run([commands[0]!, commands[2]!]);
    expect(exported.status, exported.stderr).toBe(0);
    const lines = fs.readFileSync(path.join(work, "demo-trl.jsonl"), "utf8").split("\n").filter(Boolean);
    expect(lines.length).toBeGreaterThanOrEqual(1);
    for (const line of lines) expect(Object.keys(JSON.parse(line) as object)).toEqual(expect.arrayContaining(["prompt", "chosen", "rejected"]));

    // With the token left as written, the same command fails loudly instead of writing an error into the file.
    const unchanged = spawnSync("bash", ["-c", `set -e\n${readmeRestCommands(README)[0]}\n${commands[2]}`], { cwd: work, encoding: "utf8" });
    expect(unchanged.status).not.toBe(0);
  }, 240_000);
});
