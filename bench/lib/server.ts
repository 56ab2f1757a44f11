import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { randomBytes } from "node:crypto";
import { spawn, type ChildProcess } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";

export const ROOT = path.resolve(__dirname, "../..");

/**
 * The production server of the existing build (`next start`), never a build:
 * one `.next` is shared by the whole team. Exits with status 2 and the way to
 * build when there is none.
 */
export function assertBuilt(): void {
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    console.error("No production build (.next/BUILD_ID is missing). Build it first with `npx next build`, then run this again.");
    process.exit(2);
  }
}

export type Server = {
  url: string;
  pid: number;
  /** Output the server printed (last 200 lines), for failure reports. */
  log: string[];
  exited: Promise<number | null>;
  kill: (signal: NodeJS.Signals) => void;
  stop: () => Promise<void>;
};

export async function startServer(options: {
  port: number;
  databaseUrl: string;
  secret?: string;
  env?: Record<string, string>;
  /** Flags for node itself, such as --cpu-prof (not allowed in NODE_OPTIONS). */
  nodeArgs?: string[];
  /**
   * `next start` on the existing build (default), the bare route handlers, or
   * `npm start`'s scripts/start.ts (WEB_CONCURRENCY server processes under node:cluster; nodeArgs do not apply).
   */
  kind?: "next" | "handlers" | "start";
}): Promise<Server> {
  const { port, databaseUrl } = options;
  const url = `http://127.0.0.1:${port}`;
  // "handlers": the same route handlers under plain node:http (bench/lib/handler-server.ts), no build needed.
  const handlers = options.kind === "handlers";
  if (!handlers) assertBuilt();
  const entry = options.kind === "start"
    ? ["--import", "tsx", "--conditions", "react-server", path.join(ROOT, "scripts/start.ts")]
    : handlers
    ? ["--require", path.join(ROOT, "node_modules/tsx/dist/preflight.cjs"), "--import", pathToFileURL(path.join(ROOT, "node_modules/tsx/dist/loader.mjs")).href, path.join(__dirname, "handler-server.ts"), String(port)]
    : [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"];
  const args = [...(options.nodeArgs ?? []), ...entry];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    // Its own process group, so stop() ends the server and its workers and nothing else.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      ...options.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      NODE_ENV: "production",
      NEXTAUTH_URL: url,
      NEXTAUTH_SECRET: options.secret ?? randomBytes(32).toString("base64url"),
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  const log: string[] = [];
  const keep = (chunk: Buffer) => {
    log.push(...chunk.toString().split("\n").filter(Boolean));
    if (log.length > 200) log.splice(0, log.length - 200);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const pid = child.pid!;
  const kill = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  };
  const server: Server = {
    url,
    pid,
    log,
    exited,
    kill,
    stop: async () => {
      kill("SIGTERM");
      const done = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
      if (!done) kill("SIGKILL");
      await exited;
    },
  };
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`next start exited early:\n${log.join("\n")}`);
    try {
      const response = handlers
        ? await fetch(`${url}/api/v1/projects/-/next`, { headers: { authorization: "Bearer probe" } })
        : await fetch(`${url}/api/auth/csrf`);
      if (handlers ? response.status === 401 : response.ok) return server;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  await server.stop();
  throw new Error(`next start did not answer within 90 s:\n${log.join("\n")}`);
}
