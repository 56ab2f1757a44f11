import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { closeDb, createPrismaClient, setDatabaseForTests } from "@/lib/db";
import { pgliteDriver, poolDriver } from "@/lib/db/prepared";
import { postgresAdapter, postgresPool } from "@/lib/db/adapters";
import { pgliteOptions } from "@/lib/db/pglite-extensions";

/** Helpers for the CLI tests, which spawn the real CLI as `npm run cli` does. */
const root = path.resolve(__dirname, "..");
const tsx = path.join(root, "node_modules/.bin/tsx");

export type CliResult = { code: number | null; stdout: string; stderr: string };

export function runCli(args: string[], options: { databaseUrl?: string; stdin?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, BCRYPT_ROUNDS: "4", PAIRWISE_DEBUG: "" };
    if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
    else delete env.DATABASE_URL;
    const child = spawn(tsx, ["--conditions", "react-server", "cli/index.ts", ...args], { cwd: root, env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? "");
  });
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export type CliTarget = {
  kind: "pglite" | "postgres";
  databaseUrl: string;
  /** The PGlite folder (pglite only). */
  dir?: string;
  /** Points this test process's `db` at the target; call the returned close before the next CLI run on PGlite. */
  connect: () => Promise<() => Promise<void>>;
  drop: () => Promise<void>;
};

export function pgliteTarget(): CliTarget {
  const base = tempDir("pw-cli-");
  const dir = path.join(base, "pglite");
  return {
    kind: "pglite",
    databaseUrl: `pglite:${dir}`,
    dir,
    async connect() {
      const pglite = await PGlite.create(dir, pgliteOptions);
      setDatabaseForTests(createPrismaClient(new PrismaPGlite(pglite)), "pglite", pgliteDriver(pglite));
      return async () => {
        await closeDb();
        await pglite.close();
      };
    },
    drop: async () => fs.rmSync(base, { recursive: true, force: true }),
  };
}

/** A fresh database (not a schema: the CLI connects with a plain URL) on TEST_DATABASE_URL's server. */
export async function postgresTarget(base: string): Promise<CliTarget> {
  const host = new URL(base).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) throw new Error(`TEST_DATABASE_URL must point at a local server (got host ${host})`);
  const name = `pw_cli_${randomBytes(5).toString("hex")}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  return {
    kind: "postgres",
    databaseUrl,
    async connect() {
      const pool = postgresPool(databaseUrl);
      setDatabaseForTests(createPrismaClient(postgresAdapter(pool)), "postgres", poolDriver(pool));
      return () => closeDb();
    },
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
