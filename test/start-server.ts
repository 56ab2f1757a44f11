import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { freePort } from "@/test/free-port";

const root = path.resolve(__dirname, "..");

/**
 * `npm start` (scripts/start.ts) as a child of a test, on the existing
 * production build, for the tests of server processes and shutdown
 * (test/two-servers.test.ts, test/server-shutdown.test.ts).
 */
/** Builds the app when there is no build, as `npm start` would (scripts/test.ts builds before Vitest, so this is for runs of one file). */
export function ensureBuilt(): void {
  if (fs.existsSync(path.join(root, ".next", "BUILD_ID"))) return;
  const build = spawnSync(path.join(root, "node_modules/.bin/next"), ["build"], { cwd: root, encoding: "utf8", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) throw new Error(`next build failed:\n${build.stdout.slice(-3000)}\n${build.stderr.slice(-3000)}`);
}

export type Server = { url: string; port: number; child: ChildProcess; log: string[]; exited: Promise<number | null> };

/** As `npm start` runs it: tsx as a loader of this node process, not tsx's CLI (whose signal relay SIGKILLs a child that is slow to acknowledge a signal). */
export async function startServer(name: string, databaseUrl: string, secret: string, env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions", "react-server", "scripts/start.ts"], {
    cwd: root,
    detached: true, // its own process group, so cleanup ends the server and its processes and nothing else
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env, PORT: String(port), DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: secret, NEXTAUTH_URL: url, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  const log: string[] = [];
  const keep = (chunk: Buffer) => log.push(...chunk.toString().split("\n").filter(Boolean).map((line) => `[${name}] ${line}`));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 120_000;
  while (!log.some((line) => line.includes("Pairwise is running at"))) {
    if (gone || Date.now() > deadline) throw new Error(`server ${name} did not start:\n${log.join("\n")}`);
    await sleep(200);
  }
  return { url, port, child, log, exited };
}

export function killGroup(server: Server | undefined, signal: NodeJS.Signals) {
  if (!server?.child.pid) return;
  try {
    process.kill(-server.child.pid, signal);
  } catch {
    // already gone
  }
}

/** Resolves with the connect error code, or "connected". */
export function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
  });
}

