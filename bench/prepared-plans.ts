/**
 * Does running the hot path's statements as named prepared statements pay
 * (lib/db/prepared.ts)? One annotator at a time on ONE connection, through the
 * app's own functions (leaseNextItem → claimItem, submitJudgment →
 * insertJudgment), so the figures are the statements' own cost without
 * queueing: wall ms per statement and the backend's CPU ms per judgment, for
 * unnamed statements (parsed and planned every time, as `$queryRaw` sends
 * them) and named ones; then which plans PostgreSQL's plan cache chose
 * (pg_prepared_statements: custom for the first five executions, then
 * generic if not estimated costlier).
 *
 *   DATABASE_URL=postgresql://root@127.0.0.1:5432/pw_bench_load npx tsx --conditions react-server bench/prepared-plans.ts \
 *     [--items 20000] [--judgments 400] [--rounds 3]
 *
 * Uses (or seeds) the `--items` project of bench:load; its probe annotators are taken out afterwards.
 */
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { closeDb, createPrismaClient, db, setDatabaseForTests } from "@/lib/db";
import { postgresAdapter } from "@/lib/db/adapters";
import { poolDriver } from "@/lib/db/prepared";
import { migrateDatabase } from "@/lib/db/migrate";
import { leaseNextItem } from "@/lib/assignment/lease-next-item";
import { submitJudgment } from "@/lib/judgments/submit-judgment";
import { submitJudgmentInput } from "@/lib/validations/judgment";
import { argValue, requirePostgresUrl } from "./lib/args";
import { createAnnotators, removeAnnotators } from "./lib/load-fixtures";
import { seedLarge } from "./seed-large";

const CLOCK_TICKS = 100;

function backendCpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

async function main() {
  const url = requirePostgresUrl();
  const items = Number(argValue("items", "20000"));
  const judgments = Number(argValue("judgments", "400"));
  const rounds = Number(argValue("rounds", "3"));
  await migrateDatabase({ kind: "postgres", url });
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const seed = await seedLarge(admin, { items, judgments: 0, overlap: 3, annotators: 60, slug: `bench-load-${items}` });
  await removeAnnotators(admin, "plan-");
  const results: Record<string, unknown>[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const named of [false, true]) {
      const pool = new pg.Pool({ connectionString: url, max: 1 });
      setDatabaseForTests(createPrismaClient(postgresAdapter(pool)), "postgres", poolDriver(pool, { named }));
      const project = (await db.project.findUniqueOrThrow({ where: { id: seed.projectId } }));
      const users = await createAnnotators(admin, { projectId: seed.projectId, prefix: `plan-${round}-${named ? "n" : "u"}-`, count: Math.ceil(judgments / 20) });
      const pid = (await pool.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
      const ms = { lease: 0, submit: 0 };
      let done = 0;
      const cpuBefore = backendCpuSeconds(pid);
      for (let i = 0; done < judgments; i++) {
        const user = users[i % users.length]!;
        let began = performance.now();
        const lease = await leaseNextItem({ userId: user.id, projectId: seed.projectId, project });
        ms.lease += performance.now() - began;
        if (!lease) break;
        const input = submitJudgmentInput.parse({ item_id: lease.externalId, preference: 1, client_id: `plan-${round}-${named}-${i}-x`, duration_ms: 4000 });
        began = performance.now();
        const stored = await submitJudgment({ userId: user.id, project, input });
        ms.submit += performance.now() - began;
        if (!stored.created) throw new Error("the judgment was not stored");
        done++;
      }
      const cpu = backendCpuSeconds(pid) - cpuBefore;
      const plans = named
        ? (await pool.query<{ name: string; generic_plans: string; custom_plans: string }>("SELECT name, generic_plans, custom_plans FROM pg_prepared_statements ORDER BY name")).rows
        : [];
      await closeDb();
      await removeAnnotators(admin, `plan-${round}-`.concat(named ? "n-" : "u-"));
      const row = {
        round,
        statements: named ? "named" : "unnamed",
        judgments: done,
        lease_ms_mean: Math.round((ms.lease / done) * 100) / 100,
        submit_ms_mean: Math.round((ms.submit / done) * 100) / 100,
        backend_cpu_ms_per_judgment: Math.round((cpu * 1000 * 100) / done) / 100,
        plans: plans.map((p) => ({ name: p.name, generic: Number(p.generic_plans), custom: Number(p.custom_plans) })),
      };
      console.log(JSON.stringify(row));
      results.push(row);
    }
  }
  await admin.end();
  const file = path.join(__dirname, "results", argValue("out", "prepared-plans.json"));
  fs.writeFileSync(file, `${JSON.stringify({ items, judgments, rounds, results, at: new Date().toISOString() }, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
