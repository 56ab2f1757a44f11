import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, closeDb, processPostgresUrl } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/migrate";
import { createCast } from "@/test/admin-fixtures";
import { postgresTarget, type CliTarget } from "@/cli/cli-test-support";
import { getProjectAgreement } from "@/lib/agreement/project-agreement";
import { agreementView } from "./agreement-view";
import { pendingRecomputes, scheduleRecompute, DEFAULT_VIEW_POLICY } from "./stored-view";
import { computeInViewWorker, stopViewWorker, viewWorkerResults } from "./view-worker-pool";

/**
 * The view worker (PostgreSQL only: PGlite is computed in process). It opens
 * DATABASE_URL itself, so this file makes a database of its own with a plain
 * URL (the tests' schemas are not reachable by one) and points the process at
 * it as a server would.
 */
const url = process.env.TEST_DATABASE_URL;

describe.runIf(url)("stored views in the view worker", () => {
  let target: CliTarget;
  const saved = process.env.DATABASE_URL;
  beforeAll(async () => {
    target = await postgresTarget(url!);
    await migrateDatabase({ kind: "postgres", url: target.databaseUrl });
    await closeDb();
    process.env.DATABASE_URL = target.databaseUrl;
  }, 120_000);
  afterAll(async () => {
    await stopViewWorker();
    await closeDb();
    process.env.DATABASE_URL = saved;
    await target?.drop();
  });

  it("computes a view in the worker exactly as in process, and a recompute stores the worker's result", async () => {
    expect(processPostgresUrl()).toBe(target.databaseUrl);
    const { project, annotator, lead } = await createCast();
    for (let i = 0; i < 6; i++) {
      const item = await db.item.create({ data: { projectId: project.id, externalId: `w-${i}`, prompt: "p", promptText: "p", responseA: "a", responseB: "b", modelA: "m1", modelB: "m2" } });
      for (const [k, userId] of [annotator.id, lead.id].entries()) {
        await db.judgment.create({ data: { itemId: item.id, userId, preference: (i + k) % 3 === 0 ? 2 : -1, guidelinesVersion: 1, clientId: `w-${i}-${k}` } });
      }
    }
    const params = { intervals: false, disputed: 5 };
    const inProcess = JSON.stringify(await agreementView.compute(project.id, params, new AbortController().signal));
    expect(await computeInViewWorker("agreement", project.id, params)).toBe(inProcess);
    expect(JSON.parse(inProcess).agreement.judgments).toBe(12);

    const answered = viewWorkerResults();
    await scheduleRecompute(agreementView, project.id, params, DEFAULT_VIEW_POLICY, new Date(0));
    await pendingRecomputes();
    expect(viewWorkerResults()).toBe(answered + 1);
    const row = await db.storedView.findFirstOrThrow({ where: { projectId: project.id, viewKey: "agreement" } });
    expect(row.payload).toBe(inProcess);
    expect(row.lastError).toBeNull();
    // The reference the stored result must equal: the full computation, now.
    expect(JSON.parse(row.payload!)).toEqual(JSON.parse(JSON.stringify(await getProjectAgreement({ projectId: project.id, identityScope: "all", disputedLimit: 5 }))));
  }, 120_000);

  it("answers a compute's failure as an error, and keeps working after it", async () => {
    await expect(computeInViewWorker("agreement", "no-such-project", { intervals: false, disputed: 5 })).rejects.toThrow(/project not found/);
    const { project } = await createCast();
    expect(JSON.parse((await computeInViewWorker("member-work", project.id, {}))!)).toEqual({});
  }, 60_000);
});
