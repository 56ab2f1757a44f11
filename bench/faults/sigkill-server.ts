/**
 * Fault: the app server is killed with SIGKILL in the middle of a load run,
 * then started again.
 *
 *   DATABASE_URL=postgresql://root@127.0.0.1:5432/pw_bench_faults \
 *     npx tsx --conditions react-server bench/faults/sigkill-server.ts [--server next|handlers] [--port 3510]
 *
 * 50 annotators loop next → judgments; the driver keeps the client_id of every
 * judgment that got a 2xx answer, and resends (same client_id) any submit whose
 * answer was lost, as the annotation screen does. After 6 s the server's whole
 * process group gets SIGKILL mid-request; 2 s later a new one starts on the
 * same port. Asserted, exit 1 otherwise: every 2xx judgment is in the database
 * with the preference sent, no (item, annotator) twice, no item past the
 * overlap, counters equal rows, resent submits made no second row, and
 * annotating resumed (2xx judgments after the restart).
 */
import { setTimeout as sleep } from "node:timers/promises";
import { argValue } from "../lib/args";
import { startServer, type Server } from "../lib/server";
import { runAnnotators } from "../lib/annotators";
import { checkInvariants } from "../lib/invariants";
import { removeAnnotators } from "../lib/load-fixtures";
import { finish, prepareFaultRun } from "./common";

async function main() {
  const kind = argValue("server", "next") === "handlers" ? "handlers" : "next";
  const port = Number(argValue("port", "3510"));
  const { url, client, seed, annotators } = await prepareFaultRun({ annotators: 50, items: 5000, prefix: "kill-" });
  const secret = "sigkill-fault-secret-0123456789abcdefgh";
  let server: Server = await startServer({ port, databaseUrl: url, kind, secret });
  const acknowledged = new Map<string, number>();
  const timeline: NonNullable<Parameters<typeof runAnnotators>[0]["timeline"]> = [];
  const started = performance.now();
  const run = runAnnotators({
    baseUrl: server.url, slug: seed.slug, annotators, durationMs: 20_000, warmupMs: 0, ratePerSecond: 0, scale: 3,
    acknowledged, retrySubmits: true, timeline,
  });
  let killedAt = 0;
  let restartedAt = 0;
  try {
    await sleep(6000);
    killedAt = performance.now() - started;
    console.log(`SIGKILL to the server (pid ${server.pid}) at ${Math.round(killedAt)} ms`);
    server.kill("SIGKILL");
    await server.exited;
    await sleep(2000);
    server = await startServer({ port, databaseUrl: url, kind, secret });
    restartedAt = performance.now() - started;
    console.log(`restarted (pid ${server.pid}) at ${Math.round(restartedAt)} ms`);
    await run;
  } finally {
    await server.stop();
  }
  const report = await run;
  const userIds = annotators.map((a) => a.id);
  const invariants = await checkInvariants(client, { projectId: seed.projectId, userIds, acknowledged });
  const judgmentsAfterRestart = timeline.filter((e) => e.endpoint === "judgments" && e.at > restartedAt && (e.status === 200 || e.status === 201)).length;
  const lost = timeline.filter((e) => e.endpoint === "judgments" && e.status === 0 && !e.retry).length;
  const retriedStored = timeline.filter((e) => e.endpoint === "judgments" && e.retry && e.status === 200).length;
  const retriedCreated = timeline.filter((e) => e.endpoint === "judgments" && e.retry && e.status === 201).length;
  const unexpected = timeline.filter((e) => e.status >= 500).map((e) => `${e.endpoint} ${e.status}`);
  await removeAnnotators(client, "kill-");
  await client.end();
  finish(
    "SIGKILL mid-run",
    "fault-sigkill",
    {
      "every judgment answered 2xx is in the database, as sent": invariants.acknowledged_missing === 0 && invariants.acknowledged_changed === 0,
      "no (item, annotator) twice, no item past the overlap, counters equal rows": invariants.ok,
      "annotating resumed after the restart": judgmentsAfterRestart > 0,
      "no 5xx answers": unexpected.length === 0,
    },
    {
      server: kind,
      killed_at_ms: Math.round(killedAt),
      restarted_at_ms: Math.round(restartedAt),
      acknowledged: acknowledged.size,
      submits_without_answer: lost,
      resent_and_found_stored: retriedStored,
      resent_and_stored_now: retriedCreated,
      judgments_after_restart: judgmentsAfterRestart,
      unexpected_5xx: unexpected.slice(0, 10),
      invariants,
      errors: report.errors.slice(0, 5),
    },
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
