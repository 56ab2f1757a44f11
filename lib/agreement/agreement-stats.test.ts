import { beforeAll, describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { leaseNextItem } from "@/lib/assignment/lease-next-item";
import { createItems, createProject, createUser, judgmentInput } from "@/lib/assignment/test-fixtures";
import { submitJudgment } from "@/lib/judgments/submit-judgment";
import { updateOwnJudgment } from "@/lib/judgments/update-own-judgment";
import { importJudgments } from "@/lib/import/import-judgments";
import { bytesSource } from "@/lib/import/sources";
import { updateJudgmentInput } from "@/lib/validations/judgment";
import { createSeededRng } from "@/lib/ranking/bradley-terry";
import { hasAgreementStatDifferences, verifyAgreementStats } from "./verify-agreement-stats";
import { expectStatsMatchFullComputation as expectStatsMatchFullComputationOf } from "./stats-reference";

withTestDb();

const MODELS = ["m-alpha", "m-beta", "m-gamma", "m-delta"];
let project: Awaited<ReturnType<typeof createProject>>;

async function expectStatsMatchFullComputation() {
  return expectStatsMatchFullComputationOf(project);
}

beforeAll(async () => {
  project = await createProject({ overlap: 4, scale: 3, allowTie: true });
  const items = await createItems(project.id, 24);
  // Models in rotation; q-024 names none (counted as a judgment without models), q-023 pits a model against itself.
  for (const [i, item] of items.entries()) {
    const pair = i === 23 ? [null, null] : i === 22 ? [MODELS[0]!, MODELS[0]!] : [MODELS[i % 4]!, MODELS[(i + 1 + (i >> 2)) % 4]!];
    await db.item.update({ where: { id: item.id }, data: { modelA: pair[0], modelB: pair[1] === pair[0] && i !== 22 ? MODELS[(i + 2) % 4] : pair[1] } });
  }
});

describe("agreement and leaderboard statistics kept by the Judgment trigger", () => {
  it("equal the full computation after concurrent submits, an import, undo, deletes and item changes", async () => {
    const annotators = await Promise.all([1, 2, 3, 4, 5, 6].map((k) => createUser(`a${k}`)));
    await Promise.all(annotators.map((u) => db.membership.create({ data: { userId: u.id, projectId: project.id, role: "ANNOTATOR" } })));
    const rng = createSeededRng(7);
    // Six annotators lease and submit at once, each as far as ten judgments.
    await Promise.all(
      annotators.map(async (user) => {
        for (let n = 0; n < 10; n++) {
          const lease = await leaseNextItem({ userId: user.id, projectId: project.id });
          if (!lease) return;
          await submitJudgment({ userId: user.id, project, input: judgmentInput(lease.externalId, Math.floor(rng() * 7) - 3) });
        }
      }),
    );
    expect(await db.judgment.count({ where: { item: { projectId: project.id } } })).toBeGreaterThan(40);
    await expectStatsMatchFullComputation();

    // A judgment import by external annotators, in small batches (several rows of one item in one statement).
    const lines = ["ext-1", "ext-2"].flatMap((annotator, a) =>
      Array.from({ length: 12 }, (_, i) => JSON.stringify({ item_id: `q-${String(i + 1).padStart(3, "0")}`, annotator, preference: ((i + a) % 5) - 2 })),
    );
    const report = await importJudgments({ actor: { id: annotators[0]!.id }, projectId: project.id, onError: "skip", source: () => bytesSource(lines.join("\n")), batchSize: 5 });
    expect(report.imported).toBeGreaterThan(0);
    await expectStatsMatchFullComputation();

    // Undo: two annotators change their minds; one changes only the rationale (no statistic moves).
    for (const user of annotators.slice(0, 2)) {
      const mine = await db.judgment.findFirstOrThrow({ where: { userId: user.id }, include: { item: true }, orderBy: { createdAt: "asc" } });
      await updateOwnJudgment({ userId: user.id, project, input: updateJudgmentInput.parse({ item_id: mine.item.externalId, preference: -Math.sign(mine.preference || 1) * 2 }) });
    }
    const third = await db.judgment.findFirstOrThrow({ where: { userId: annotators[2]!.id }, include: { item: true } });
    await updateOwnJudgment({ userId: annotators[2]!.id, project, input: updateJudgmentInput.parse({ item_id: third.item.externalId, preference: third.preference, rationale: "Same, explained." }) });
    await expectStatsMatchFullComputation();

    // Deletes: one judgment, an annotator's account (cascade), a whole item (cascade).
    const one = await db.judgment.findFirstOrThrow({ where: { item: { projectId: project.id } }, orderBy: { id: "asc" } });
    await db.judgment.delete({ where: { id: one.id } });
    await db.user.delete({ where: { id: annotators[5]!.id } });
    const judgedItem = await db.item.findFirstOrThrow({ where: { projectId: project.id, judgments: { some: {} } }, orderBy: { externalId: "desc" } });
    await db.item.delete({ where: { id: judgedItem.id } });
    await expectStatsMatchFullComputation();

    // An item turned gold leaves the statistics, one renamed moves its comparisons, one ungolded comes back.
    const [toGold, toRename] = await db.item.findMany({ where: { projectId: project.id, judgments: { some: {} } }, orderBy: { externalId: "asc" }, take: 2 });
    await db.item.update({ where: { id: toGold!.id }, data: { goldPreference: 1 } });
    await db.item.update({ where: { id: toRename!.id }, data: { modelB: "m-epsilon" } });
    const before = await expectStatsMatchFullComputation();
    await db.item.update({ where: { id: toGold!.id }, data: { goldPreference: null } });
    const after = await expectStatsMatchFullComputation();
    expect(after.agreement.judgments).toBeGreaterThan(before.agreement.judgments);
    expect(after.board.models.map((m) => m.model)).toContain("m-epsilon");
  });

  it("verifyAgreementStats finds a wrong count and fix rebuilds the project", async () => {
    await db.$executeRawUnsafe(`UPDATE "AgreementPatternStat" SET "items" = "items" + 1 WHERE "projectId" = $1 AND ctid = (SELECT min(ctid) FROM "AgreementPatternStat" WHERE "projectId" = $1)`, project.id);
    await db.$executeRawUnsafe(`DELETE FROM "ModelPairStat" WHERE "projectId" = $1 AND "outcome" = 1`, project.id);
    const found = await verifyAgreementStats({ projectId: project.id, fix: true });
    expect(found.found.AgreementPatternStat).toBe(1);
    expect(found.found.ModelPairStat).toBeGreaterThan(0);
    expect(found.fixed).toEqual([project.id]);
    expect(hasAgreementStatDifferences(await verifyAgreementStats())).toBe(false);
    await expectStatsMatchFullComputation();
  });
});
