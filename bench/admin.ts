/**
 * Times every admin page and every REST read of a lead, on the 1M items /
 * 3M judgments project, against the production server:
 *
 *   DATABASE_URL=postgresql://root@127.0.0.1:5432/pw_bench_admin \
 *     npm run bench:admin -- [--label before|after] [--runs 3] [--port 3990] [--kind start|next] [--only agreement]
 *
 * Seeds the project with bench/seed-large.ts (or reuses it when it already has
 * the shape), adds a signed-in user (`bench-lead@bench.local`, role ADMIN and a
 * LEAD membership of the project), starts the existing production build
 * (`npm run build` first; `--kind start` is `npm start`'s scripts/start.ts,
 * one server process per core), signs in through next-auth's credentials
 * endpoint and requests each page and read one after the other: one warm-up,
 * then `--runs` timed requests; the median and the worst of them. The time is
 * until the whole body has arrived (pages stream). The 1-minute load average
 * is kept with each row: the machine is shared, and a busy one inflates every
 * figure. Before timing, it reads every target until none answers "being
 * computed for the first time" (stored views, lib/views; at most
 * --prewarm-minutes, default 20), so the figures are those of served results. Writes bench/results/admin-<label>.json and prints a table.
 */
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import os from "node:os";
import { execSync } from "node:child_process";
import { migrateDatabase } from "@/lib/db/migrate";
import { resolveDatabaseTarget } from "@/lib/db/database-url";
import { hashPassword } from "@/lib/auth/password";
import { argValue, requirePostgresUrl } from "./lib/args";
import { describeMachine } from "./lib/machine";
import { startServer } from "./lib/server";
import { seedLarge } from "./seed-large";
import { isComputing, signIn, timeRequest, type Timed } from "./lib/admin-client";
import { setTimeout as sleep } from "node:timers/promises";

const LEAD_EMAIL = "bench-lead@bench.local";
const LEAD_PASSWORD = "bench-lead-password-1M";

type Target = { name: string; kind: "page" | "rest"; path: string };

function targets(slug: string, itemExternalId: string): Target[] {
  const p = `/admin/projects/${slug}`;
  const api = `/api/v1/projects/${slug}`;
  // A bounded export slice: the judgments of the first hour (~1,200 items).
  const slice = "from=2026-02-01T00:00:00Z&to=2026-02-01T01:00:00Z";
  return [
    { name: "admin home", kind: "page", path: "/admin" },
    { name: "audit log", kind: "page", path: "/admin/audit" },
    { name: "users", kind: "page", path: "/admin/users" },
    { name: "project overview", kind: "page", path: p },
    { name: "items", kind: "page", path: `${p}/items` },
    { name: "items, filtered", kind: "page", path: `${p}/items?search=Question%20999999&min_judgments=3` },
    { name: "item detail", kind: "page", path: `${p}/items/${encodeURIComponent(itemExternalId)}` },
    { name: "progress", kind: "page", path: `${p}/progress` },
    { name: "agreement", kind: "page", path: `${p}/agreement` },
    { name: "leaderboard", kind: "page", path: `${p}/leaderboard` },
    { name: "export", kind: "page", path: `${p}/export` },
    { name: "import", kind: "page", path: `${p}/import` },
    { name: "members", kind: "page", path: `${p}/members` },
    { name: "quality", kind: "page", path: `${p}/quality` },
    { name: "skips", kind: "page", path: `${p}/skips` },
    { name: "settings", kind: "page", path: `${p}/settings` },
    { name: "GET projects", kind: "rest", path: "/api/v1/projects" },
    { name: "GET project", kind: "rest", path: api },
    { name: "GET stats", kind: "rest", path: `${api}/stats` },
    { name: "GET agreement", kind: "rest", path: `${api}/agreement` },
    { name: "GET leaderboard", kind: "rest", path: `${api}/leaderboard` },
    { name: "GET leaderboard style", kind: "rest", path: `${api}/leaderboard?style_control=1` },
    { name: "GET bias", kind: "rest", path: `${api}/bias` },
    { name: "GET quality", kind: "rest", path: `${api}/quality` },
    { name: "GET items", kind: "rest", path: `${api}/items` },
    { name: "GET items filtered", kind: "rest", path: `${api}/items?min_judgments=3&max_judgments=3&limit=50` },
    { name: "GET skips", kind: "rest", path: `${api}/skips` },
    { name: "GET members", kind: "rest", path: `${api}/members` },
    { name: "GET source-agreement", kind: "rest", path: `${api}/source-agreement` },
    { name: "GET export slice", kind: "rest", path: `${api}/export?${slice}` },
    { name: "GET export card", kind: "rest", path: `${api}/export?format=card&${slice}` },
  ];
}

/** The signed-in lead: an admin (the issue's measurement) who is also a lead of the project. */
async function ensureLead(client: pg.Client, projectId: string): Promise<void> {
  const hash = await hashPassword(LEAD_PASSWORD);
  await client.query(
    `INSERT INTO "User" ("id", "email", "name", "passwordHash", "role", "updatedAt")
     VALUES ('bench-lead', $1, 'Bench lead', $2, 'ADMIN', now())
     ON CONFLICT ("email") DO UPDATE SET "passwordHash" = $2, "role" = 'ADMIN', "disabled" = false`,
    [LEAD_EMAIL, hash],
  );
  await client.query(
    `INSERT INTO "Membership" ("id", "userId", "projectId", "role") VALUES ('bench-lead-m', 'bench-lead', $1, 'LEAD')
     ON CONFLICT DO NOTHING`,
    [projectId],
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function gitCommit(): string | null {
  try {
    return execSync("git rev-parse --short HEAD", { cwd: path.resolve(__dirname, ".."), encoding: "utf8" }).trim();
  } catch {
    return null;
  }
}

type ResultFile = { at: string; commit: string | null; machine: { load_avg_1m: number }; rows: { name: string; median_ms: number; worst_ms: number; status: number; load_avg_1m: number }[] };

/** `--table`: the README's before/after table from bench/results/admin-before.json and admin-after.json. */
function printTable(): void {
  const read = (label: string): ResultFile | null => {
    const file = path.join(__dirname, "results", `admin-${label}.json`);
    return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as ResultFile) : null;
  };
  const before = read("before");
  const after = read("after");
  const cell = (row: ResultFile["rows"][number] | undefined) =>
    !row ? "—" : row.status === 200 ? `${row.median_ms.toLocaleString("en-US")} (${row.worst_ms.toLocaleString("en-US")}; load ${row.load_avg_1m})` : `failed (${row.status === 0 ? "over 120 s" : row.status})`;
  console.log("| page or read | before: median ms (worst; load) | after: median ms (worst; load) |\n| --- | ---: | ---: |");
  for (const row of before?.rows ?? after?.rows ?? []) {
    console.log(`| ${row.name} | ${cell(before?.rows.find((r) => r.name === row.name))} | ${cell(after?.rows.find((r) => r.name === row.name))} |`);
  }
}

async function main() {
  if (process.argv.includes("--table")) return printTable();
  const url = requirePostgresUrl();
  const label = argValue("label", "before");
  const runs = Number(argValue("runs", "3"));
  const port = Number(argValue("port", "3990"));
  const kind = argValue("kind", "start") as "start" | "next";
  const only = argValue("only", "");
  const slug = argValue("slug", "bench-large");
  await migrateDatabase(resolveDatabaseTarget(url));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  console.log("seeding (or reusing) 1,000,000 items and 3,000,000 judgments…");
  const seed = await seedLarge(client, { items: 1_000_000, judgments: 3_000_000, overlap: 5, annotators: 60, slug });
  console.log(seed.reused ? "reused the seeded project" : `seeded in ${(seed.ms / 1000).toFixed(1)} s`);
  await ensureLead(client, seed.projectId);
  const item = (await client.query<{ externalId: string }>(`SELECT "externalId" FROM "Item" WHERE "projectId" = $1 AND "externalId" = 'q-500000'`, [seed.projectId])).rows[0]!;
  await client.end();

  const server = await startServer({ port, databaseUrl: url, kind });
  const prewarmCapMs = Number(argValue("prewarm-minutes", "20")) * 60_000;
  let prewarmMs = 0;
  const rows: (Target & Timed & { median_ms: number; worst_ms: number; warmup_ms: number; runs_ms: number[]; load_avg_1m: number })[] = [];
  try {
    const cookie = await signIn(server.url, LEAD_EMAIL, LEAD_PASSWORD);
    const list = targets(slug, item.externalId).filter((t) => !only || t.name.includes(only) || t.path.includes(only));
    // Stored views (lib/views) compute in the background on their first read: wait until every page and read has its result.
    const prewarmStarted = Date.now();
    let pending = list;
    while (pending.length && Date.now() - prewarmStarted < prewarmCapMs) {
      const still: Target[] = [];
      for (const target of pending) if (await isComputing(server.url, target.path, cookie)) still.push(target);
      pending = still;
      if (pending.length) {
        console.log(`waiting for first computations: ${pending.map((t) => t.name).join(", ")}`);
        await sleep(15_000);
      }
    }
    prewarmMs = Date.now() - prewarmStarted;
    for (const target of list) {
      const warm = await timeRequest(server.url, target.path, cookie);
      const timed: number[] = [];
      let last = warm;
      for (let i = 0; i < runs; i++) {
        last = await timeRequest(server.url, target.path, cookie);
        timed.push(last.ms);
      }
      const row = {
        ...target,
        ...last,
        runs_ms: timed.map((ms) => Math.round(ms)),
        warmup_ms: Math.round(warm.ms),
        median_ms: Math.round(median(timed)),
        worst_ms: Math.round(Math.max(...timed)),
        load_avg_1m: Math.round(os.loadavg()[0]! * 100) / 100,
      };
      rows.push(row);
      const flag = row.status === 200 ? "" : `  status ${row.status}${row.error ? ` ${row.error}` : ""}`;
      console.log(`${target.name.padEnd(24)} ${String(row.median_ms).padStart(7)} ms  worst ${String(row.worst_ms).padStart(7)} ms  load ${row.load_avg_1m}${flag}`);
    }
  } finally {
    await server.stop();
  }
  const result = {
    label,
    commit: gitCommit(),
    at: new Date().toISOString(),
    machine: await describeMachine(url),
    project: { slug, items: 1_000_000, judgments: 3_000_000 },
    runs,
    server: kind,
    prewarm_ms: prewarmMs,
    note: "Median and worst of the timed runs after one warm-up, until the whole body arrived. The machine is shared: load_avg_1m with each row; a loaded machine inflates every figure.",
    rows: rows.map(({ name, kind: k, path: p, status, bytes, median_ms, worst_ms, warmup_ms, runs_ms, load_avg_1m }) => ({ name, kind: k, path: p, status, bytes, median_ms, worst_ms, warmup_ms, runs_ms, load_avg_1m })),
  };
  const file = path.join(__dirname, "results", `admin-${label}.json`);
  if (!only) fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\n| page or read | median ms | worst ms | load |\n| --- | ---: | ---: | ---: |`);
  for (const row of rows) console.log(`| ${row.name} | ${row.median_ms} | ${row.worst_ms} | ${row.load_avg_1m} |`);
  if (!only) console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
