/**
 * Fault: PostgreSQL stops and starts again under load, the app server keeps
 * running.
 *
 *   DATABASE_URL=postgresql://root@127.0.0.1:5432/pw_bench_faults \
 *     npx tsx --conditions react-server bench/faults/restart-postgres.ts [--server next|handlers] [--port 3520]
 *
 * CAREFUL: this stops the machine's PostgreSQL server (`pg_ctlcluster
 * --skip-systemctl-redirect 15 main stop -m fast`) for every database on it,
 * for about 6 seconds. It always starts it again, in a `finally` and on
 * SIGINT/SIGTERM. Run it alone, when nobody else is using the server.
 *
 * 50 annotators loop next → judgments (resending lost submits with the same
 * client_id). After 6 s PostgreSQL stops; it starts again 6 s later. Asserted,
 * exit 1 otherwise: while it is down the app answers 503 with
 * `{"error":{"code":"unavailable"}}` and a message saying to retry (never a
 * 500, never a hang past 10 s); after it is back the same server process
 * answers 2xx again within 15 s without a restart; every 2xx judgment is
 * stored as sent; the invariants hold.
 */
import { spawnSync } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { argValue } from "../lib/args";
import { startServer, type Server } from "../lib/server";
import { runAnnotators } from "../lib/annotators";
import { checkInvariants } from "../lib/invariants";
import { removeAnnotators } from "../lib/load-fixtures";
import { createClient } from "../lib/http";
import { finish, prepareFaultRun } from "./common";

const CLUSTER = (process.env.PG_CLUSTER ?? "15 main").split(" ");

function pgctl(action: "stop" | "start"): string {
  const args = ["--skip-systemctl-redirect", ...CLUSTER, action, ...(action === "stop" ? ["-m", "fast"] : [])];
  const result = spawnSync("pg_ctlcluster", args, { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`pg_ctlcluster ${args.join(" ")} failed: ${result.stderr || result.stdout}`);
  return `pg_ctlcluster ${args.join(" ")}`;
}

let stopped = false;
function restoreOnExit() {
  if (!stopped) return;
  try {
    pgctl("start");
    stopped = false;
    console.error("PostgreSQL started again.");
  } catch (error) {
    console.error(`✖ could not start PostgreSQL again: ${(error as Error).message}`);
  }
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    restoreOnExit();
    process.exit(130);
  });
}

async function main() {
  const kind = argValue("server", "next") === "handlers" ? "handlers" : "next";
  const port = Number(argValue("port", "3520"));
  const { url, client, seed, annotators } = await prepareFaultRun({ annotators: 50, items: 5000, prefix: "pgdown-" });
  await client.end(); // its connection would die with the server anyway
  const server: Server = await startServer({ port, databaseUrl: url, kind });
  const acknowledged = new Map<string, number>();
  const timeline: NonNullable<Parameters<typeof runAnnotators>[0]["timeline"]> = [];
  const started = performance.now();
  const run = runAnnotators({
    baseUrl: server.url, slug: seed.slug, annotators, durationMs: 30_000, warmupMs: 0, ratePerSecond: 0, scale: 3,
    acknowledged, retrySubmits: true, timeline,
  });
  const probe = createClient(server.url, 1);
  const probes: { at: number; status: number; ms: number; body: string }[] = [];
  let downAt = 0;
  let upAt = 0;
  let recoveredAt: number | null = null;
  try {
    await sleep(6000);
    console.log(pgctl("stop"));
    stopped = true;
    downAt = performance.now() - started;
    // What one client sees while the database is down.
    while (performance.now() - started < downAt + 6000) {
      const answer = await probe.request("GET", `/api/v1/projects/${seed.slug}/next`, { authorization: `Bearer ${annotators[0]!.token}` });
      probes.push({ at: Math.round(performance.now() - started), status: answer.status, ms: Math.round(answer.ms), body: answer.body.slice(0, 300) });
      await sleep(500);
    }
    console.log(pgctl("start"));
    stopped = false;
    upAt = performance.now() - started;
    while (performance.now() - started < upAt + 15_000) {
      const answer = await probe.request("GET", `/api/v1/projects/${seed.slug}/next`, { authorization: `Bearer ${annotators[1]!.token}` });
      if (answer.status === 200 || answer.status === 204) {
        recoveredAt = performance.now() - started;
        break;
      }
      await sleep(250);
    }
    await run;
  } finally {
    restoreOnExit();
    probe.close();
    await server.stop();
  }
  const report = await run;
  const after = new pg.Client({ connectionString: url });
  await after.connect();
  const invariants = await checkInvariants(after, { projectId: seed.projectId, userIds: annotators.map((a) => a.id), acknowledged });
  await removeAnnotators(after, "pgdown-");
  await after.end();

  const whileDown = timeline.filter((e) => e.at > downAt + 1500 && e.at < upAt);
  const downStatuses: Record<string, number> = {};
  for (const e of whileDown) downStatuses[String(e.status)] = (downStatuses[String(e.status)] ?? 0) + 1;
  const probeBodies = probes.filter((p) => p.status === 503).map((p) => JSON.parse(p.body) as { error: { code: string; message: string } });
  const afterUp = timeline.filter((e) => e.at > (recoveredAt ?? Infinity) && e.endpoint === "judgments" && (e.status === 201 || e.status === 200)).length;
  finish(
    "PostgreSQL stopped and started under load",
    "fault-restart-postgres",
    {
      "the app answers 503 while the database is down (probes)": probes.length > 0 && probes.every((p) => p.status === 503),
      "the 503 says what happened, as {error:{code:'unavailable', message}}": probeBodies.length > 0 && probeBodies.every((b) => b.error.code === "unavailable" && /database/i.test(b.error.message)),
      "no 500 from any annotator while it was down": !("500" in downStatuses),
      "every probe answered within 10 s": probes.every((p) => p.ms < 10_000),
      "the same server process recovered within 15 s of the database": recoveredAt !== null,
      "annotating went on after the recovery": afterUp > 0,
      "every judgment answered 2xx is in the database, as sent": invariants.acknowledged_missing === 0 && invariants.acknowledged_changed === 0,
      "no (item, annotator) twice, no item past the overlap, counters equal rows": invariants.ok,
    },
    {
      server: kind,
      database_down_ms: Math.round(upAt - downAt),
      recovered_ms_after_start: recoveredAt === null ? null : Math.round(recoveredAt - upAt),
      probes,
      annotator_statuses_while_down: downStatuses,
      judgments_after_recovery: afterUp,
      acknowledged: acknowledged.size,
      invariants,
      errors: report.errors.slice(0, 8),
      server_log_tail: server.log.slice(-15),
    },
  );
}

main().catch((error: unknown) => {
  restoreOnExit();
  console.error(error);
  process.exit(1);
});
