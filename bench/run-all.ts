/**
 * `npm run bench`: every benchmark in turn against PostgreSQL, then the table
 * in bench/RESULTS.md (bench/report.ts).
 *
 *   npm run bench                       # full sizes (docs/architecture.md, "Performance targets")
 *   npm run bench -- --quick            # small sizes, a smoke run of the whole chain
 *   BENCH_PG=postgresql://root@127.0.0.1:5432 npm run bench
 *
 * Each benchmark gets a database of its own on BENCH_PG's server (created
 * when missing and migrated here, filled by the benchmark itself): pw_bench_load
 * (seed + load), pw_bench_export, pw_bench_import (import and agreement's
 * temporary table). The load benchmark needs an existing production build
 * (`.next`); without one it is skipped with a note, the others still run.
 * Exits 1 if any part failed.
 */
import path from "node:path";
import { spawnSync } from "node:child_process";
import pg from "pg";
import { migrateDatabase } from "@/lib/db/migrate";
import { resolveDatabaseTarget } from "@/lib/db/database-url";
import { hasFlag } from "./lib/args";

const root = path.resolve(__dirname, "..");
const server = (process.env.BENCH_PG ?? "postgresql://root@127.0.0.1:5432").replace(/\/+$/, "");
const quick = hasFlag("quick");

type Part = { name: string; database: string | null; script: string; args: string[] };
const parts: Part[] = [
  { name: "seed", database: "pw_bench_load", script: "bench/seed-large.ts", args: quick ? ["--items", "20000", "--judgments", "60000", "--slug", "bench-quick"] : [] },
  { name: "load", database: "pw_bench_load", script: "bench/load.ts", args: quick ? ["--items", "20000", "--annotators", "50", "--duration", "10", "--warmup", "2", "--rate", "100"] : [] },
  { name: "export", database: "pw_bench_export", script: "bench/export.ts", args: quick ? ["100000"] : [] },
  { name: "agreement", database: "pw_bench_import", script: "bench/agreement.ts", args: quick ? ["100000"] : [] },
  { name: "import", database: "pw_bench_import", script: "bench/import.ts", args: quick ? ["10000"] : [] },
];

async function ensureDatabases(names: string[]) {
  const admin = new pg.Client({ connectionString: `${server}/postgres` });
  await admin.connect();
  for (const name of new Set(names)) {
    const { rowCount } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${name}`);
    await migrateDatabase(resolveDatabaseTarget(`${server}/${name}`));
  }
  await admin.end();
}

async function checkpoint() {
  const admin = new pg.Client({ connectionString: `${server}/postgres` });
  await admin.connect();
  await admin.query("CHECKPOINT").catch(() => undefined); // superuser only; a no-op otherwise
  await admin.end();
}

async function main() {
  await ensureDatabases(parts.flatMap((p) => (p.database ? [p.database] : [])));
  const outcomes: { name: string; status: string; seconds: number }[] = [];
  for (const part of parts) {
    console.log(`\n── ${part.name} ${"─".repeat(60 - part.name.length)}`);
    const started = Date.now();
    const result = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["--conditions", "react-server", part.script, ...part.args], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, ...(part.database ? { DATABASE_URL: `${server}/${part.database}` } : {}) },
    });
    const seconds = Math.round((Date.now() - started) / 1000);
    // The next part starts on a quiet server: the dirty pages this one left are written now, not during its run.
    await checkpoint();
    const status = result.status === 0 ? "ok" : result.status === 2 && part.name === "load" ? "skipped (no production build)" : `failed (exit ${result.status ?? result.signal})`;
    outcomes.push({ name: part.name, status, seconds });
  }
  const report = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["--conditions", "react-server", "bench/report.ts"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: `${server}/pw_bench_load` },
  });
  console.log("");
  for (const o of outcomes) console.log(`${o.status === "ok" ? "✓" : "✖"} ${o.name.padEnd(10)} ${o.status} (${o.seconds} s)`);
  const failed = outcomes.some((o) => o.status.startsWith("failed")) || report.status !== 0;
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
