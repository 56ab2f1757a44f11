import { beforeAll, describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { leaseNextItem } from "@/lib/assignment/lease-next-item";
import { createItems, createProject, createUser, judgmentInput } from "@/lib/assignment/test-fixtures";
import { submitJudgment } from "@/lib/judgments/submit-judgment";
import { updateOwnJudgment } from "@/lib/judgments/update-own-judgment";
import { submitJudgmentInput, updateJudgmentInput } from "@/lib/validations/judgment";
import { expectStatsMatchFullComputation } from "@/lib/agreement/stats-reference";
import { hasAgreementStatDifferences, verifyAgreementStats } from "@/lib/agreement/verify-agreement-stats";
import { rankedResponses } from "./ranked-responses";
import { readRanking, type Ranking } from "./ranking";
import { seeded } from "./test-fixtures";

withTestDb();

const MODELS = ["m-alpha", "m-beta", "m-gamma", "m-delta"];
let project: Awaited<ReturnType<typeof createProject>>;
let clients = 0;

/** A random ranking of k responses, with ties now and then. */
function randomRanking(k: number, random: () => number): Ranking {
  const order = Array.from({ length: k }, (_, i) => i).sort(() => random() - 0.5);
  const tiers: Ranking = [];
  for (const index of order) {
    if (tiers.length && random() < 0.25) tiers[tiers.length - 1]!.push(index);
    else tiers.push([index]);
  }
  return tiers;
}

async function responseCount(itemId: string) {
  const item = await db.item.findUniqueOrThrow({ where: { projectId_externalId: { projectId: project.id, externalId: itemId } }, select: { responses: true } });
  return rankedResponses(item.responses)?.length ?? null;
}

beforeAll(async () => {
  project = await createProject({ overlap: 3, scale: 2, allowTie: true });
  const pairs = await createItems(project.id, 8);
  for (const [i, item] of pairs.entries()) {
    await db.item.update({ where: { id: item.id }, data: { modelA: MODELS[i % 4], modelB: i === 7 ? null : MODELS[(i + 1) % 4] } });
  }
  // Ranking items of 3 to 6 responses; some responses without a model, one model twice on an item.
  const start = new Date("2026-02-01T00:00:00Z").getTime();
  for (let i = 0; i < 6; i++) {
    const k = 3 + (i % 4);
    await db.item.create({
      data: {
        projectId: project.id,
        externalId: `r-${i + 1}`,
        prompt: `Rank ${i + 1}`,
        promptText: `Rank ${i + 1}`,
        responseA: "",
        responseB: "",
        responses: Array.from({ length: k }, (_, j) => ({ text: `r${i} answer ${j}`, ...(i === 5 && j === 0 ? {} : { model: j === 2 && i === 4 ? MODELS[0]! : MODELS[(i + j) % 4]! }) })),
        createdAt: new Date(start + i * 1000),
      },
    });
  }
});

describe("ranking judgments in the kept agreement and leaderboard statistics", () => {
  it("count as their implied pairs, equal to the full computation through submits, undo, deletes and item changes", async () => {
    const annotators = await Promise.all([1, 2, 3, 4, 5].map((k) => createUser(`rk${k}`)));
    const random = seeded(5);
    // Five annotators lease and submit at once: pairs and rankings mixed.
    await Promise.all(
      annotators.map(async (user) => {
        for (let n = 0; n < 14; n++) {
          const lease = await leaseNextItem({ userId: user.id, projectId: project.id });
          if (!lease) return;
          const k = await responseCount(lease.externalId);
          const input = k
            ? submitJudgmentInput.parse({ item_id: lease.externalId, ranking: randomRanking(k, random), client_id: `ranking-stats-${clients++}` })
            : judgmentInput(lease.externalId, Math.floor(random() * 5) - 2);
          await submitJudgment({ userId: user.id, project, input });
        }
      }),
    );
    expect(await db.judgment.count({ where: { item: { projectId: project.id }, preference: null } })).toBeGreaterThan(10);
    const first = await expectStatsMatchFullComputation(project);
    // Each ranking of K responses is K(K−1)/2 units' judgments.
    const judged = await db.judgment.findMany({ where: { item: { projectId: project.id } }, select: { ranking: true } });
    const units = judged.reduce((n, j) => {
      const r = readRanking(j.ranking);
      const k = r ? r.flat().length : 0;
      return n + (r ? (k * (k - 1)) / 2 : 1);
    }, 0);
    expect(first.agreement.judgments).toBe(units);
    expect(first.board.models.map((m) => m.model).sort()).toEqual([...MODELS].sort());

    // Undo: two annotators reorder their rankings, one changes only the rationale (nothing moves).
    for (const user of annotators.slice(0, 2)) {
      const mine = await db.judgment.findFirstOrThrow({ where: { userId: user.id, preference: null }, include: { item: true }, orderBy: { createdAt: "asc" } });
      const ranking = readRanking(mine.ranking)!;
      await updateOwnJudgment({ userId: user.id, project, input: updateJudgmentInput.parse({ item_id: mine.item.externalId, ranking: [...ranking].reverse() }) });
    }
    const third = await db.judgment.findFirstOrThrow({ where: { userId: annotators[2]!.id, preference: null }, include: { item: true } });
    await updateOwnJudgment({ userId: annotators[2]!.id, project, input: updateJudgmentInput.parse({ item_id: third.item.externalId, ranking: readRanking(third.ranking)!, rationale: "Same order." }) });
    await expectStatsMatchFullComputation(project);

    // Deletes: one ranking judgment, an annotator's account (cascade), a whole ranking item (cascade).
    const one = await db.judgment.findFirstOrThrow({ where: { item: { projectId: project.id }, preference: null }, orderBy: { id: "asc" } });
    await db.judgment.delete({ where: { id: one.id } });
    await db.user.delete({ where: { id: annotators[4]!.id } });
    const judgedRanking = await db.item.findFirstOrThrow({ where: { projectId: project.id, responses: { not: Prisma.DbNull }, judgments: { some: {} } }, orderBy: { externalId: "desc" } });
    await db.item.delete({ where: { id: judgedRanking.id } });
    await expectStatsMatchFullComputation(project);

    // A ranking item turned gold leaves, one whose response's model is renamed moves its comparisons, the gold one comes back.
    const toGold = await db.item.findFirstOrThrow({ where: { projectId: project.id, externalId: "r-1" } });
    const toRename = await db.item.findFirstOrThrow({ where: { projectId: project.id, externalId: "r-2" } });
    await db.item.update({ where: { id: toGold.id }, data: { goldRanking: [[0], [1], [2]] } });
    const renamed = (rankedResponses(toRename.responses) ?? []).map((r, j) => ({ text: r.text, model: j === 0 ? "m-epsilon" : r.model }));
    await db.item.update({ where: { id: toRename.id }, data: { responses: renamed } });
    const before = await expectStatsMatchFullComputation(project);
    await db.item.update({ where: { id: toGold.id }, data: { goldRanking: Prisma.DbNull } });
    const after = await expectStatsMatchFullComputation(project);
    expect(after.agreement.judgments).toBeGreaterThan(before.agreement.judgments);
    expect(after.board.models.map((m) => m.model)).toContain("m-epsilon");

    // The rebuild (the migration's backfill and the repair path) gives the same tables.
    await db.$executeRawUnsafe(`DELETE FROM "ItemLabelStat" WHERE "projectId" = $1 AND "pairA" = 0 AND "pairB" = 1`, project.id);
    await db.$executeRawUnsafe(`UPDATE "ModelPairStat" SET "n" = "n" + 1 WHERE "projectId" = $1`, project.id);
    const found = await verifyAgreementStats({ projectId: project.id, fix: true });
    expect(found.found.ItemLabelStat).toBeGreaterThan(0);
    expect(found.fixed).toEqual([project.id]);
    expect(hasAgreementStatDifferences(await verifyAgreementStats({ projectId: project.id }))).toBe(false);
    await expectStatsMatchFullComputation(project);
  });
});
