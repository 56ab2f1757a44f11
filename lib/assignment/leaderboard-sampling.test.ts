import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { submitJudgment } from "@/lib/judgments/submit-judgment";
import { withTestDb } from "@/test/db";
import { leaseNextItem } from "./lease-next-item";
import { refreshPairPriorities } from "./refresh-pair-priorities";
import { createProject, createUser, judgmentInput } from "./test-fixtures";

withTestDb();

const start = new Date("2026-01-01T00:00:00Z");
let serial = 0;

/** Items of one model pair; `reversed` stores every other one as (b, a), as imports may. */
async function createPairItems(projectId: string, models: [string, string] | null, count: number, judged = 0) {
  const rows = Array.from({ length: count }, (_, k) => {
    serial++;
    const [a, b] = models ? (k % 2 ? [models[1], models[0]] : models) : [null, null];
    return {
      projectId,
      externalId: `i-${String(serial).padStart(4, "0")}`,
      prompt: `Prompt ${serial}`,
      promptText: `Prompt ${serial}`,
      responseA: "A",
      responseB: "B",
      modelA: a,
      modelB: b,
      judgmentCount: judged,
      createdAt: new Date(start.getTime() + serial * 1000),
    };
  });
  await db.item.createMany({ data: rows });
  return db.item.findMany({ where: { projectId, externalId: { in: rows.map((r) => r.externalId) } }, orderBy: { createdAt: "asc" } });
}

/** Judged history: `winsFirst` judgments won by models[0], the rest by models[1]. */
async function createHistory(projectId: string, userId: string, models: [string, string], winsFirst: number, total: number) {
  const items = await createPairItems(projectId, models, total, 1);
  await db.judgment.createMany({
    data: items.map((item, k) => {
      const winner = k < winsFirst ? models[0] : models[1];
      return { itemId: item.id, userId, preference: item.modelA === winner ? -2 : 2, guidelinesVersion: 1, clientId: `h-${item.id}` };
    }),
  });
}

/**
 * m1 beats m2 30–0 (settled), m2 beats m3 6–4 (unsettled), m1–m3 never
 * compared (not adjacent). Open items, oldest first: one without models,
 * then 3 of m1–m2, 3 of m1–m3, 3 of m2–m3 — so the uniform order is the
 * reverse of the sampled one.
 */
async function seedCampaign(sampling: "uniform" | "leaderboard") {
  const project = await createProject({ overlap: 1, sampling });
  const historian = await createUser("history");
  await createHistory(project.id, historian.id, ["m1", "m2"], 30, 30);
  await createHistory(project.id, historian.id, ["m2", "m3"], 6, 10);
  const open = [
    ...(await createPairItems(project.id, null, 1)),
    ...(await createPairItems(project.id, ["m1", "m2"], 3)),
    ...(await createPairItems(project.id, ["m3", "m1"], 3)),
    ...(await createPairItems(project.id, ["m2", "m3"], 3)),
  ];
  return { project, open };
}

const pairOf = (item: { modelA: string | null; modelB: string | null } | undefined) =>
  item?.modelA && item.modelB ? [item.modelA, item.modelB].sort().join("-") : "none";

/** Ten annotators lease one item each, in turn (overlap 1: each lease fills its item). */
async function leaseInTurn(projectId: string, open: { id: string; modelA: string | null; modelB: string | null }[]) {
  const byId = new Map(open.map((item) => [item.id, item]));
  const served: string[] = [];
  for (let k = 0; k < 11; k++) {
    const user = await createUser(`a${k}`);
    const lease = await leaseNextItem({ userId: user.id, projectId, now: start });
    if (!lease) break;
    served.push(pairOf(byId.get(lease.itemId)));
  }
  return served;
}

describe("leaderboard sampling", () => {
  it("serves the unsettled adjacent pair first, then the settled one, then the far pair, then items without models", async () => {
    const { project, open } = await seedCampaign("leaderboard");
    const served = await leaseInTurn(project.id, open);
    expect(served).toEqual(["m2-m3", "m2-m3", "m2-m3", "m1-m2", "m1-m2", "m1-m2", "m1-m3", "m1-m3", "m1-m3", "none"]);

    const rows = await db.modelPairPriority.findMany({ where: { projectId: project.id }, orderBy: { tier: "asc" } });
    expect(rows.map((r) => [r.modelLow, r.modelHigh, r.tier, r.comparisons])).toEqual([
      ["m2", "m3", 0, 10],
      ["m1", "m2", 1, 30],
      ["m1", "m3", 2, 0],
    ]);
    expect(rows[0]!.moreNeeded).toBeGreaterThan(0);
    expect(rows[1]!.moreNeeded).toBe(0);
  });

  it("with sampling off leases as before: fewest judgments, then oldest, and keeps no priorities", async () => {
    const { project, open } = await seedCampaign("uniform");
    const served = await leaseInTurn(project.id, open);
    expect(served).toEqual(["none", "m1-m2", "m1-m2", "m1-m2", "m1-m3", "m1-m3", "m1-m3", "m2-m3", "m2-m3", "m2-m3"]);
    expect(await db.modelPairPriority.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("recomputes the priorities as judgments come in", async () => {
    const { project } = await seedCampaign("leaderboard");
    await refreshPairPriorities(project.id);
    const before = await db.modelPairPriority.findFirstOrThrow({ where: { projectId: project.id, modelLow: "m2", modelHigh: "m3" } });
    // 60 more m2 wins over m3 settle that pair: it leaves tier 0.
    const historian = await createUser("more-history");
    await createHistory(project.id, historian.id, ["m2", "m3"], 60, 60);
    await refreshPairPriorities(project.id);
    const after = await db.modelPairPriority.findFirstOrThrow({ where: { projectId: project.id, modelLow: "m2", modelHigh: "m3" } });
    expect(before).toMatchObject({ tier: 0, comparisons: 10 });
    expect(after).toMatchObject({ tier: 1, comparisons: 70, moreNeeded: 0 });
  });

  it("never passes the overlap with 20 annotators at once on 30 items of 3 pairs", async () => {
    const project = await createProject({ overlap: 3, scale: 3, sampling: "leaderboard" });
    for (const pair of [["m1", "m2"], ["m2", "m3"], ["m1", "m3"]] as [string, string][]) await createPairItems(project.id, pair, 10);
    const annotators = await Promise.all(Array.from({ length: 20 }, (_, i) => createUser(`annotator-${i}`)));
    let clock = Date.now();
    const perAnnotator = await Promise.all(
      annotators.map(async (user) => {
        const judged: string[] = [];
        for (;;) {
          // A second per lease: priorities are recomputed every few leases, mid-run.
          clock += 1000;
          const lease = await leaseNextItem({ userId: user.id, projectId: project.id, now: new Date(clock) });
          if (!lease) return judged;
          const input = judgmentInput(lease.externalId, randomInt(-3, 4), { duration_ms: 1000 });
          const { created } = await submitJudgment({ userId: user.id, project, input });
          expect(created).toBe(true);
          judged.push(lease.itemId);
        }
      }),
    );
    for (const judged of perAnnotator) expect(new Set(judged).size).toBe(judged.length);
    expect(perAnnotator.flat()).toHaveLength(90);
    const counters = await db.item.findMany({ where: { projectId: project.id }, select: { judgmentCount: true, activeLeases: true } });
    expect(counters.every((c) => c.judgmentCount === 3 && c.activeLeases === 0)).toBe(true);
    expect(await db.judgment.count({ where: { item: { projectId: project.id } } })).toBe(90);
  });
});
