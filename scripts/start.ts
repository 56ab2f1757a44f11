/**
 * `npm start`: build if needed, apply pending migrations, seed an empty
 * database (once, here, before any server process starts), then serve with
 * one server process per core on PostgreSQL (WEB_CONCURRENCY), one on PGlite
 * (lib/server/process-plan.ts, scripts/cluster.ts). Runs as
 * `node --import tsx --conditions react-server` so lib/ code marked server-only
 * can be used here; tsx as a loader, not its CLI, so signals reach this process
 * itself (the CLI's relay SIGKILLs a child slow to acknowledge one).
 */
// Read .env as next start, prisma.config.ts and the CLI do, so every tool sees the same database.
import "dotenv/config";
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import { spawnSync } from "node:child_process";
import pg from "pg";
import { readEnv, resolveAuthSecret } from "@/lib/env";
import { resolveDatabaseTarget } from "@/lib/db/database-url";
import { closeDb } from "@/lib/db";
import { seedDemoIfEmpty } from "@/lib/seed/seed-demo";
import { migrateDatabase } from "@/lib/db/migrate";
import { connectionBudget, planServerProcesses } from "@/lib/server/process-plan";
import { runCluster } from "./cluster";

const root = path.resolve(__dirname, "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

function run(command: string, args: string[], label: string, env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`\n✖ ${label} failed (exit ${result.status ?? result.signal}).`);
    process.exit(1);
  }
}

async function main() {
  let env;
  let secret: string;
  let plan;
  let graceMs: number;
  try {
    env = readEnv();
    secret = resolveAuthSecret(env);
    plan = planServerProcesses({ databaseKind: resolveDatabaseTarget(env.DATABASE_URL).kind, cores: os.availableParallelism(), env: process.env });
    graceMs = readGraceMs(process.env.PW_SHUTDOWN_GRACE_MS);
  } catch (error) {
    console.error(`✖ ${(error as Error).message}`);
    process.exit(1);
  }
  const target = resolveDatabaseTarget(env.DATABASE_URL);
  console.log(`Pairwise · database: ${target.kind === "pglite" ? `embedded PGlite in ${target.dir}` : "PostgreSQL"}`);

  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID")) || process.env.PAIRWISE_REBUILD === "1") {
    console.log("Building the app (first run only; about a minute)…");
    run(bin("next"), ["build"], "next build", { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
  }

  const applied = await migrateDatabase(target);
  console.log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database schema is up to date.");

  const accounts = await seedDemoIfEmpty();
  await closeDb(); // release the embedded database before the server opens it
  const url = env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
  if (accounts) {
    console.log("\nCreated the demo project and these accounts. The passwords are shown only now — save them:\n");
    for (const account of accounts) console.log(`  ${account.role.padEnd(9)}  ${account.email.padEnd(24)}  ${account.password}`);
    console.log("");
  }

  if (plan.notice) console.log(plan.notice);
  if (target.kind === "postgres") await warnIfTooFewConnections(target.url, plan.processes);
  console.log(`Starting ${plan.processes} server process${plan.processes === 1 ? "" : "es"} on port ${env.PORT}…`);
  runCluster({
    processes: plan.processes,
    graceMs,
    env: {
      ...process.env,
      ...plan.env,
      PORT: String(env.PORT),
      PW_SHUTDOWN_GRACE_MS: String(graceMs),
      NEXTAUTH_SECRET: secret,
      NEXTAUTH_URL: url,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    onReady: () => console.log(`\n  Pairwise is running at ${url}\n`),
  });
}

function readGraceMs(raw: string | undefined): number {
  if (!raw?.trim()) return 25_000;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 600_000) {
    throw new Error(`PW_SHUTDOWN_GRACE_MS must be milliseconds, a whole number from 0 to 600000 (got ${JSON.stringify(raw)}).`);
  }
  return value;
}

/** Each process has its own connection pool: say so up front if together they can exceed PostgreSQL's max_connections. */
async function warnIfTooFewConnections(url: string, processes: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query<{ max_connections: string }>("SHOW max_connections");
    const max = Number(rows[0]?.max_connections);
    const budget = connectionBudget(processes, process.env);
    if (Number.isFinite(max) && budget > max - 5) {
      console.warn(
        `Warning: ${processes} server processes may open up to ${budget} database connections (DATABASE_POOL_SIZE each, and 2 for each one's stored-view worker), ` +
          `but PostgreSQL allows ${max}. Lower WEB_CONCURRENCY or DATABASE_POOL_SIZE, or raise max_connections.`,
      );
    }
  } catch {
    // Only a warning; the servers report a database they cannot reach.
  } finally {
    await client.end().catch(() => undefined);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? `✖ ${error.message}` : error);
  process.exit(1);
});
