/**
 * Load benchmark (docs/architecture.md, "Performance targets": 200 concurrent annotators on 1M items, p95 under
 * 50 ms, at least 1,000 judgments per second, PostgreSQL):
 *
 *   DATABASE_URL=postgresql://root@127.0.0.1:5432/pw_bench_load npm run bench:load -- \
 *     [--annotators 200] [--duration 30] [--warmup 5] [--rate 1000] [--items N] [--port 3500]
 *     [--runs insert,db,db-named,db-generic,saturate,saturate-two-call,paced,realistic] [--flow one-trip|two-call] [--realistic-rate 20]
 *     [--server next|handlers|start] [--server-warmup 40] [--hot-path named|unnamed|prisma] [--view] [--cpu-prof] [--out load.json]
 *
 * Needs an existing production build (`.next`; it never builds). It seeds the
 * 1M-item project with bench/seed-large (or a fresh project of `--items` N),
 * starts `next start` on `--port`, makes the annotators (users, memberships,
 * API tokens) and runs, each on fresh annotators:
 *   - saturate: every annotator judges flat out with the one-request flow of
 *     the annotation screen (`POST /judgments` with `next: true`, after one
 *     `GET /next`): the most judgments per second the app gives (latency is
 *     then queueing, by Little's law);
 *   - saturate-two-call: the same with `GET /next` → `POST /judgments` per
 *     judgment (the API's two-call flow), for comparison;
 *   - paced:    the annotators together aim at `--rate` judgments per second
 *     (each one a judgment every N/rate s, as people with think time): the
 *     latency at the target load;
 *   - realistic: the same at `--realistic-rate` (default 20/s: 200 people
 *     who each take 10 s per pair): the latency annotators actually feel;
 *   - db:       the same lease + insert work as raw SQL through `pg`, same
 *     concurrency, no app: what the hardware allows, so each figure is also a ratio;
 *   - db-named, db-generic: the same as named prepared statements (plans
 *     cached per connection), and named with plan_cache_mode =
 *     force_generic_plan: whether caching the plans pays (not in the default runs);
 *   - insert:   a one-row INSERT per transaction, same concurrency and pool:
 *     the disk's durable-commit rate, the ceiling of any write per judgment.
 * `--hot-path` says how the server sends its lease, submit and caller + project
 * statements: named prepared statements on the driver (the default, lib/db/prepared.ts),
 * unnamed ones on the driver, or through Prisma's `$queryRaw` as before.
 * paced and realistic use `--flow` (default one-trip). CPU ms per judgment is
 * the server's process tree (/proc, user + system) and every PostgreSQL
 * process's (/proc, before/after) over the run's judgments; the 1-minute load
 * average is recorded before and after each run (the machine is shared:
 * figures taken at a high load average are inflated).
 * After each run the invariants are checked in the database (no item past the
 * overlap, exactly `overlap` judgments per finished item, no (item, annotator)
 * twice, counters equal rows, every 2xx judgment stored as sent), then the
 * run's annotators and their work are taken out again.
 * Writes bench/results/load.json; exits 1 when an invariant fails.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { migrateDatabase } from "@/lib/db/migrate";
import { resolveDatabaseTarget } from "@/lib/db/database-url";
import { argValue, hasFlag, requirePostgresUrl } from "./lib/args";
import { assertBuilt, startServer, type Server } from "./lib/server";
import { createAnnotators, removeAnnotators } from "./lib/load-fixtures";
import { runAnnotators } from "./lib/annotators";
import { runDatabaseBaseline, runInsertBaseline } from "./lib/db-baseline";
import { checkInvariants, type InvariantReport } from "./lib/invariants";
import { describeMachine, machineBusySeconds, postgresCpuSeconds, sampleDatabaseBackends, treeCpuSeconds } from "./lib/machine";
import { seedLarge } from "./seed-large";

const TARGET = { p95_ms: 50, judgments_per_s: 1000 };

/** CPU seconds spent by the server, PostgreSQL, this driver and the whole machine during `work`. */
async function measured<T>(server: Server | null, work: () => Promise<T>, backends: () => Promise<number[]>) {
  const databaseBackends = await sampleDatabaseBackends(backends);
  const before = { server: server ? treeCpuSeconds(server.pid) : 0, pg: postgresCpuSeconds(), driver: process.cpuUsage(), machine: machineBusySeconds() };
  const started = Date.now();
  const loadBefore = Math.round(os.loadavg()[0]! * 100) / 100;
  const result = await work();
  const seconds = (Date.now() - started) / 1000;
  const backendSeconds = await databaseBackends.stop();
  const driver = process.cpuUsage(before.driver);
  const share = (cpu: number) => Math.round((cpu / seconds) * 100) / 100;
  return {
    result,
    cpu_cores_busy: {
      server: server ? share(treeCpuSeconds(server.pid) - before.server) : 0,
      // Every PostgreSQL process on the machine: inflated by other databases' work on a shared machine.
      postgres: share(postgresCpuSeconds() - before.pg),
      // Only the backends of the benchmark's database (sampled): the app's own statements.
      postgres_db_backends: share(backendSeconds),
      driver: share((driver.user + driver.system) / 1e6),
      machine: share(machineBusySeconds() - before.machine),
    },
    load_avg_1m: { before: loadBefore, after: Math.round(os.loadavg()[0]! * 100) / 100 },
  };
}

async function main() {
  const url = requirePostgresUrl();
  if (argValue("server", "next") !== "handlers") assertBuilt();
  const annotators = Number(argValue("annotators", "200"));
  const durationMs = Number(argValue("duration", "30")) * 1000;
  const warmupMs = Number(argValue("warmup", "5")) * 1000;
  const rate = Number(argValue("rate", String(TARGET.judgments_per_s)));
  const port = Number(argValue("port", "3500"));
  const runs = argValue("runs", "insert,db,saturate,saturate-two-call,paced,realistic").split(",");
  const flow = argValue("flow", "one-trip") === "two-call" ? "two-call" : "one-trip";
  const realisticRate = Number(argValue("realistic-rate", "20"));
  const smallItems = argValue("items", "");
  const hotPath = argValue("hot-path", "named");
  // --view: every lease asks for the rendered pair, as the annotation screen does.
  const view = process.argv.includes("--view");
  const poolSize = Number(process.env.DATABASE_POOL_SIZE ?? 20);
  const serverKind = (["handlers", "start"] as const).find((kind) => kind === argValue("server", "next")) ?? "next";

  await migrateDatabase(resolveDatabaseTarget(url));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const seed = smallItems
    ? await seedLarge(client, { items: Number(smallItems), judgments: Number(argValue("judgments", "0")), overlap: Number(argValue("overlap", "3")), annotators: 60, slug: `bench-load-${smallItems}` })
    : await seedLarge(client, { items: 1_000_000, judgments: 3_000_000, overlap: 5, annotators: 60, slug: "bench-large" });
  console.log(`project ${seed.slug}: ${seed.items} items, ${seed.judgments} judgments, overlap ${seed.overlap} (${seed.reused ? "reused" : `seeded in ${seed.ms} ms`})`);
  for (const prefix of ["load-", "base-"]) await removeAnnotators(client, prefix);

  const backends = async () =>
    (await client.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")).rows.map((r) => r.pid);
  const results: Record<string, unknown> = {};
  const invariants: Record<string, InvariantReport> = {};
  let server: Server | null = null;
  try {
    // The database alone: `insert` (one-row INSERT transactions), `db` (the lease + submit statements, unnamed, as
    // Prisma sends them), `db-named` (the same as named prepared statements), `db-generic` (named, with
    // plan_cache_mode = force_generic_plan). One block: they differ only in what each client loops.
    for (const name of runs.filter((r) => ["insert", "db", "db-named", "db-generic"].includes(r))) {
      const users = name === "insert" ? [] : await createAnnotators(client, { projectId: seed.projectId, prefix: "base-", count: annotators });
      console.log(`${name}: ${annotators} clients over a pool of ${poolSize}, ${name === "insert" ? "one-row INSERT transactions" : "lease + submit statements"}, ${durationMs / 1000} s…`);
      const run = await measured(null, async () => {
        if (name === "insert") {
          const r = await runInsertBaseline({ databaseUrl: url, concurrency: annotators, durationMs, warmupMs, poolSize });
          return { ...r, count: r.inserts_per_s };
        }
        const r = await runDatabaseBaseline({
          databaseUrl: url, projectId: seed.projectId, overlap: seed.overlap, userIds: users.map((u) => u.id), durationMs, warmupMs, poolSize,
          named: name !== "db", planCacheMode: name === "db-generic" ? "force_generic_plan" : undefined,
        });
        return { ...r, count: r.judgments_per_s };
      }, backends);
      if (users.length) invariants[name] = await checkInvariants(client, { projectId: seed.projectId, userIds: users.map((u) => u.id), acknowledged: new Map() });
      const { count, ...result } = run.result;
      const perUnit = (cores: number) => (count ? Math.round((cores * 10_000) / count) / 10 : null);
      results[name] = {
        ...result,
        cpu_cores_busy: run.cpu_cores_busy,
        load_avg_1m: run.load_avg_1m,
        [name === "insert" ? "cpu_ms_per_insert" : "cpu_ms_per_judgment"]: {
          postgres: perUnit(run.cpu_cores_busy.postgres),
          postgres_db_backends: perUnit(run.cpu_cores_busy.postgres_db_backends),
        },
      };
      console.log(JSON.stringify(results[name]));
      if (users.length) await removeAnnotators(client, "base-");
    }
    const httpRuns = runs.filter((r) => ["saturate", "saturate-two-call", "paced", "realistic"].includes(r));
    if (httpRuns.length) {
      const nodeArgs = hasFlag("cpu-prof") ? ["--cpu-prof", `--cpu-prof-dir=${path.join(__dirname, "results", "profiles")}`] : [];
      // --hot-path named|unnamed|prisma: how the server runs its three hot statements (lib/db.ts, PAIRWISE_HOT_PATH).
      server = await startServer({ port, databaseUrl: url, nodeArgs, kind: serverKind, env: { PAIRWISE_HOT_PATH: hotPath } });
      const described = { next: "next start", handlers: "route handlers under node:http", start: `npm start (WEB_CONCURRENCY=${process.env.WEB_CONCURRENCY ?? "one per core"})` };
      console.log(`${described[serverKind]} on ${server.url} (pid ${server.pid})`);
      // A fresh server is JIT-cold: on a busy 2-core machine the first run after the start paid
      // several ms of CPU per judgment more than the next (9.5 against 3.5 ms, whichever flow ran first).
      // Both flows run untimed first, on annotators of their own, taken out afterwards.
      const warmSeconds = Number(argValue("server-warmup", "40"));
      if (warmSeconds > 0) {
        const warmUsers = await createAnnotators(client, { projectId: seed.projectId, prefix: "load-warm-", count: annotators });
        console.log(`server warm-up: ${warmSeconds} s, both flows, untimed…`);
        for (const warmFlow of ["two-call", "one-trip"] as const) {
          await runAnnotators({ baseUrl: server.url, slug: seed.slug, annotators: warmUsers, durationMs: (warmSeconds * 1000) / 2, warmupMs: 0, ratePerSecond: 0, scale: 3, flow: warmFlow, view });
        }
        await removeAnnotators(client, "load-warm-");
      }
    }
    for (const name of httpRuns) {
      const users = await createAnnotators(client, { projectId: seed.projectId, prefix: `load-${name}-`, count: annotators });
      const acknowledged = new Map<string, number>();
      const target = name === "paced" ? rate : name === "realistic" ? realisticRate : 0;
      const runFlow = name === "saturate" ? "one-trip" : name === "saturate-two-call" ? "two-call" : flow;
      console.log(`${name}: ${annotators} annotators${target ? ` at ${target} judgments/s` : " flat out"} (${runFlow}), ${durationMs / 1000} s after ${warmupMs / 1000} s warm-up…`);
      const run = await measured(server, () =>
        runAnnotators({ baseUrl: server!.url, slug: seed.slug, annotators: users, durationMs, warmupMs, ratePerSecond: target, scale: 3, acknowledged, flow: runFlow, view }),
        backends,
      );
      invariants[name] = await checkInvariants(client, { projectId: seed.projectId, userIds: users.map((u) => u.id), acknowledged });
      // CPU per judgment holds up better than judgments/s on a machine shared with other work.
      const perJudgment = (cores: number) => (run.result.judgments_per_s ? Math.round((cores * 1000 * 10) / run.result.judgments_per_s) / 10 : null);
      results[name] = {
        ...run.result,
        cpu_cores_busy: run.cpu_cores_busy,
        load_avg_1m: run.load_avg_1m,
        cpu_ms_per_judgment: {
          server: perJudgment(run.cpu_cores_busy.server),
          postgres: perJudgment(run.cpu_cores_busy.postgres),
          postgres_db_backends: perJudgment(run.cpu_cores_busy.postgres_db_backends),
        },
      };
      console.log(JSON.stringify(results[name]));
      await removeAnnotators(client, `load-${name}-`);
    }
  } finally {
    if (server) await server.stop();
  }

  type Run = { judgments_per_s: number; endpoints: Record<string, { latency_ms: { p95: number } }> };
  const saturate = results.saturate as Run | undefined;
  const paced = results.paced as Run | undefined;
  const db = results.db as Run | undefined;
  const dbNamed = results["db-named"] as Run | undefined;
  const realistic = results.realistic as Run | undefined;
  const twoCall = results["saturate-two-call"] as Run | undefined;
  const insert = results.insert as { inserts_per_s: number } | undefined;
  const ratio = (a: number | undefined, b: number | undefined) => (a && b ? Math.round((a / b) * 100) / 100 : null);
  const worstP95 = (run: Run | undefined) => (run ? Math.max(...Object.values(run.endpoints).map((e) => e.latency_ms.p95)) : null);
  const p95 = worstP95(paced);
  const summary = {
    annotators,
    items: seed.items,
    seeded_judgments: seed.judgments,
    overlap: seed.overlap,
    duration_s: durationMs / 1000,
    pool_size: poolSize,
    server: serverKind,
    hot_path: hotPath,
    view,
    max_judgments_per_s: saturate?.judgments_per_s ?? null,
    db_judgments_per_s: db?.judgments_per_s ?? null,
    ratio_to_db: ratio(saturate?.judgments_per_s, db?.judgments_per_s),
    two_call_judgments_per_s: twoCall?.judgments_per_s ?? null,
    two_call_ratio_to_db: ratio(twoCall?.judgments_per_s, db?.judgments_per_s),
    insert_transactions_per_s: insert?.inserts_per_s ?? null,
    db_ratio_to_insert: ratio(db?.judgments_per_s, insert?.inserts_per_s),
    db_named_judgments_per_s: dbNamed?.judgments_per_s ?? null,
    paced_rate: paced ? rate : null,
    paced_judgments_per_s: paced?.judgments_per_s ?? null,
    paced_p95_ms: p95,
    realistic_rate: realistic ? realisticRate : null,
    realistic_judgments_per_s: realistic?.judgments_per_s ?? null,
    realistic_p95_ms: worstP95(realistic),
    target: TARGET,
    meets_throughput: saturate ? saturate.judgments_per_s >= TARGET.judgments_per_s : null,
    meets_p95: p95 === null ? null : p95 < TARGET.p95_ms && (paced?.judgments_per_s ?? 0) >= rate * 0.95,
    invariants_ok: Object.values(invariants).every((r) => r.ok),
    flow_paced_realistic: flow,
  };
  const report = { summary, runs: results, invariants, machine: await describeMachine(url), at: new Date().toISOString() };
  const file = path.join(__dirname, "results", argValue("out", "load.json"));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify(summary, null, 2));
  await client.end();
  const failed = Object.entries(invariants).filter(([, r]) => !r.ok);
  for (const [name, r] of failed) console.error(`✖ invariants after ${name}: ${r.problems.join("; ")}`);
  process.exit(failed.length ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
