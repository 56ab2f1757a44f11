import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/migrate";
import { resolveDatabaseTarget } from "@/lib/db/database-url";
import { authenticateApiToken } from "@/lib/api-tokens/authenticate-api-token";
import { verifyPassword } from "@/lib/auth/password";
import { runCli, tempDir, type CliTarget } from "./cli-test-support";

const item = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id, prompt: `Prompt ${id}`, response_a: `A ${id}`, response_b: `B ${id}`, ...extra });

/**
 * The CLI end to end on one database: each step spawns the real CLI (about a
 * second each), so the steps share one database and run in order.
 */
export function cliSuite(kind: CliTarget["kind"], makeTarget: () => Promise<CliTarget>): void {
  let target: CliTarget;
  let files: string;
  let token = "";
  const cli = (args: string[], stdin?: string) => runCli(args, { databaseUrl: target.databaseUrl, stdin });

  beforeAll(async () => {
    target = await makeTarget();
    files = tempDir("pw-cli-files-");
    fs.writeFileSync(path.join(files, "good.jsonl"), [item("q-1"), item("q-2"), "", item("q-3", { model_a: "x", model_b: "y" })].join("\n"));
    fs.writeFileSync(path.join(files, "bad.jsonl"), [item("q-4"), "{not json", item("q-5", { response_b: "" }), item("q-6", { gold_preference: 9 })].join("\n"));
  });
  afterAll(async () => {
    await target?.drop();
    fs.rmSync(files, { recursive: true, force: true });
  });

  it("says to migrate first when the database has no schema, and creates nothing", async () => {
    const result = await cli(["user", "create", "--email", "a@example.com", "--password", "long enough 1", "--role", "admin"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(target.kind === "pglite" ? /no embedded database in .* yet: run `npm run migrate`/ : /no Pairwise schema yet: run `npm run migrate`/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    if (target.dir) expect(fs.existsSync(target.dir)).toBe(false);
    await migrateDatabase(resolveDatabaseTarget(target.databaseUrl));
  });

  it("creates users (password from a flag or stdin), refusing a taken email; project commands need an admin first", async () => {
    expect(await cli(["project", "create", "--slug", "early", "--name", "Early"])).toMatchObject({ code: 1, stderr: expect.stringMatching(/no admin account yet/) });

    const admin = await cli(["user", "create", "--email", "Admin@Example.com", "--password", "long enough 1", "--role", "admin"]);
    expect(admin).toMatchObject({ code: 0, stderr: "" });
    expect(admin.stdout).toMatch(/^Created admin admin@example\.com \("admin", id \w+\)\.\n$/);
    const lead = await cli(["user", "create", "--email", "lead@example.com", "--password", "-", "--role", "lead", "--name", "Lea Lead"], "from stdin 123\n");
    expect(lead).toMatchObject({ code: 0, stdout: expect.stringContaining('Created lead lead@example.com ("Lea Lead"') });
    expect((await cli(["user", "create", "--email", "ann@example.com", "--password", "long enough 3", "--role", "annotator"])).code).toBe(0);

    const taken = await cli(["user", "create", "--email", "ADMIN@example.com", "--password", "long enough 4", "--role", "lead"]);
    expect(taken).toMatchObject({ code: 1, stdout: "", stderr: "error: A user with the email admin@example.com already exists.\n" });
  });

  it("token create prints the token alone on stdout (checked against the API at the end)", async () => {
    const result = await cli(["token", "create", "--email", "ann@example.com", "--name", "labelling script"]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toMatch(/^pw_[A-Za-z0-9_-]{43}\n$/);
    token = result.stdout.trim();
  });

  it("creates a project as the first admin, imports items (all or nothing, or skipping bad lines) and adds members", async () => {
    const project = await cli(["project", "create", "--slug", "helpful", "--name", "Helpfulness", "--scale", "2", "--overlap", "2", "--status", "active"]);
    expect(project).toMatchObject({ code: 0, stderr: "" });
    expect(project.stdout).toBe('Created project helpful ("Helpfulness"): active, scale -2..2, 2 judgments per item, led by admin@example.com.\n');
    const adaptive = await cli(["project", "create", "--slug", "adaptive", "--name", "Adaptive", "--overlap-min", "2", "--overlap-max", "5", "--stop-on", "bound", "--stop-share", "0.6"]);
    expect(adaptive).toMatchObject({ code: 0, stderr: "" });
    expect(adaptive.stdout).toBe('Created project adaptive ("Adaptive"): draft, scale -3..3, 2 to 5 judgments (stopping at a lower 90% bound of 0.6) per item, led by admin@example.com.\n');

    const good = await cli(["import", "--project", "helpful", path.join(files, "good.jsonl")]);
    expect(good).toMatchObject({ code: 0, stdout: "Imported 3 items from 3 records.\n", stderr: "" });

    const bad = await cli(["import", "--project", "helpful", path.join(files, "bad.jsonl")]);
    expect(bad.code).toBe(1);
    expect(bad.stdout.split("\n")).toEqual([
      "3 bad lines:",
      expect.stringMatching(/^ {2}line 2: not JSON/),
      "  line 3: response_b: must be a non-empty string",
      expect.stringMatching(/^ {2}line 4: gold_preference: 9 is outside/),
      "",
    ]);
    expect(bad.stderr).toBe("error: nothing was imported: the file has 3 bad lines. Fix them, or pass --skip-bad-lines to import the 1 good line.\n");

    const skipped = await cli(["import", "--project", "helpful", path.join(files, "bad.jsonl"), "--skip-bad-lines", "--json"]);
    expect(skipped.code).toBe(0);
    expect(JSON.parse(skipped.stdout)).toMatchObject({ imported: 1, duplicates: 0, total_errors: 3, lines: 4, errors: [{ line: 2 }, { line: 3 }, { line: 4 }] });

    expect(await cli(["members", "add", "--project", "helpful", "--email", "ann@example.com", "--role", "annotator"])).toMatchObject({
      code: 0,
      stdout: "Added ann@example.com to helpful as annotator.\n",
    });
    // --as acts with that user's own rights: an annotator may not add members.
    expect(await cli(["members", "add", "--project", "helpful", "--email", "lead@example.com", "--role", "lead", "--as", "ann@example.com"])).toMatchObject({
      code: 1,
      stdout: "",
      stderr: 'error: Only a lead of "helpful" can do this.\n',
    });

    expect(await cli(["project", "set", "--project", "helpful", "--sampling", "leaderboard"])).toMatchObject({
      code: 0,
      stdout: "Project helpful: active, 2 judgments per item, leaderboard sampling, leases of 30 min.\n",
      stderr: "",
    });

  });

  it("verify-counts exits 0 when the kept counts and agreement statistics agree, 1 when they do not (also with --fix, which repairs them)", async () => {
    const clean = await cli(["verify-counts", "--project", "helpful"]);
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout)).toMatchObject({ projects: 1, found: { ProjectItemTally: 0, ProjectUserTally: 0 }, differences: [], fixed: [] });
    expect(await cli(["verify-counts", "--project", "nope"])).toMatchObject({ code: 1, stderr: 'error: No project with the slug "nope".\n' });

    const close = await target.connect();
    try {
      await db.$executeRawUnsafe(`UPDATE "ProjectItemTally" SET "items" = "items" + 1`);
    } finally {
      await close();
    }
    const wrong = await cli(["verify-counts"]);
    expect(wrong.code).toBe(1);
    expect(JSON.parse(wrong.stdout).found.ProjectItemTally).toBeGreaterThan(0);
    expect(wrong.stderr).toContain("--fix");
    const fixed = await cli(["verify-counts", "--fix"]);
    expect(fixed.code).toBe(1);
    expect(JSON.parse(fixed.stdout).fixed).toHaveLength(1);
    expect(await cli(["verify-counts"])).toMatchObject({ code: 0 });

    // The agreement statistics are checked by the same command: a row the judgments do not account for.
    const closeAgain = await target.connect();
    try {
      await db.$executeRawUnsafe(
        `INSERT INTO "AnnotatorLabelStat" ("projectId", "userId", "n") SELECT "id", 'nobody', 3 FROM "Project" WHERE "slug" = 'helpful'`,
      );
    } finally {
      await closeAgain();
    }
    const stat = await cli(["verify-counts", "--project", "helpful"]);
    expect(stat.code).toBe(1);
    expect(JSON.parse(stat.stdout)).toMatchObject({
      found: { ProjectItemTally: 0, AnnotatorLabelStat: 1, ModelPairStat: 0 },
      differences: [{ table: "AnnotatorLabelStat", stored: { n: 3 }, expected: null }],
    });
    expect(JSON.parse((await cli(["verify-counts", "--project", "helpful", "--fix"])).stdout).fixed).toHaveLength(1);
    expect(await cli(["verify-counts"])).toMatchObject({ code: 0 });
  });

  it.runIf(kind === "pglite")("refuses, with the lock's message and exit 1, while another process holds the embedded database", async () => {
    const { acquirePgliteLock } = await import("@/lib/db/pglite-lock");
    const release = acquirePgliteLock(target.dir!);
    try {
      const result = await cli(["token", "create", "--email", "ann@example.com", "--name", "while busy"]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe("");
      expect(result.stderr).toBe(
        `error: The embedded database in ${target.dir} is in use by another process (pid ${process.pid}). ` +
          "PGlite can be opened by one process at a time: stop that process (for example the running `npm start`) and try again, " +
          "or run Pairwise on PostgreSQL (DATABASE_URL=postgres://…) to share the database.\n" +
          "While the server runs, create the token on its API tokens page instead: sign in and open http://localhost:3000/tokens (README, \"REST API\").\n",
      );
    } finally {
      release();
    }
  });

  // One look at the database at the end: on PGlite each in-process open costs as much as a CLI run.
  it("leaves the database as the commands reported: users, hashed passwords, a working token, items, members, audit", async () => {
    const close = await target.connect();
    try {
      const users = await db.user.findMany({ orderBy: { email: "asc" }, select: { id: true, email: true, role: true, passwordHash: true } });
      expect(users.map((u) => [u.email, u.role])).toEqual([["admin@example.com", "ADMIN"], ["ann@example.com", "ANNOTATOR"], ["lead@example.com", "LEAD"]]);
      expect(users.every((u) => u.passwordHash?.startsWith("$2"))).toBe(true);
      expect(await verifyPassword("from stdin 123", users.find((u) => u.email === "lead@example.com")?.passwordHash)).toBe(true);
      expect(await db.auditEvent.count({ where: { action: "user.created", actorId: null } })).toBe(3);

      const owner = users.find((u) => u.email === "ann@example.com")!;
      expect(await authenticateApiToken(token)).toBe(owner.id);
      expect(await db.apiToken.findMany({ where: { userId: owner.id }, select: { name: true } })).toEqual([{ name: "labelling script" }]);

      const found = await db.project.findUniqueOrThrow({ where: { slug: "helpful" }, select: { id: true, scale: true, overlap: true, status: true, sampling: true } });
      expect(found).toMatchObject({ scale: 2, overlap: 2, status: "ACTIVE", sampling: "leaderboard" });
      expect(await db.project.findUniqueOrThrow({ where: { slug: "adaptive" }, select: { overlap: true, overlapMin: true, overlapMax: true, stopShare: true, stopOn: true } })).toEqual({
        overlap: 5, overlapMin: 2, overlapMax: 5, stopShare: 0.6, stopOn: "bound",
      });
      const items = await db.item.findMany({ where: { projectId: found.id }, orderBy: { externalId: "asc" }, select: { externalId: true } });
      expect(items.map((i) => i.externalId)).toEqual(["q-1", "q-2", "q-3", "q-4"]);
      const members = await db.membership.findMany({ where: { projectId: found.id }, select: { role: true, user: { select: { email: true } } } });
      expect(members.map((m) => `${m.user.email}:${m.role}`).sort()).toEqual(["admin@example.com:LEAD", "ann@example.com:ANNOTATOR"]);
      const actions = await db.auditEvent.findMany({ where: { projectId: found.id }, orderBy: { createdAt: "asc" }, select: { action: true, details: true } });
      expect(actions.map((a) => a.action)).toEqual(["project.created", "items.imported", "items.imported", "items.imported", "member.added", "project.updated"]);
      expect(actions[1]?.details).toMatchObject({ via: "cli", filename: "good.jsonl", imported: 3 });
    } finally {
      await close();
    }
  });
}
