import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { withTestDb } from "@/test/db";
import { submitJudgment } from "@/lib/judgments/submit-judgment";
import { leaseNextItem } from "@/lib/assignment/lease-next-item";
import { toItemTerms } from "@/lib/scale/preference-scale";
import { createItems, createProject, createUser, judgmentInput } from "@/lib/assignment/test-fixtures";

withTestDb();

describe("20 annotators at once with gold items and re-checks on", () => {
  it("ends with exactly overlap judgments per real item and no check in Judgment", async () => {
    const project = await createProject({ overlap: 3, scale: 3, goldRate: 4, recheckRate: 0.2, recheckMinGap: 1 });
    const items = await createItems(project.id, 30);
    for (let i = 1; i <= 5; i++) {
      await db.item.create({ data: { projectId: project.id, externalId: `g-${i}`, prompt: "p", responseA: "a", responseB: "b", goldPreference: 1 } });
    }
    const annotators = await Promise.all(Array.from({ length: 20 }, (_, i) => createUser(`annotator-${i}`)));
    await db.membership.createMany({ data: annotators.map((u) => ({ userId: u.id, projectId: project.id, role: "ANNOTATOR" as const })) });

    const checks = await Promise.all(
      annotators.map(async (user) => {
        let served = 0;
        for (;;) {
          const lease = await leaseNextItem({ userId: user.id, projectId: project.id });
          if (!lease) return served;
          expect(lease.resumed).toBe(false);
          const input = judgmentInput(lease.externalId, toItemTerms(randomInt(-3, 4), lease.swapped), { duration_ms: 1000 });
          const { created } = await submitJudgment({ userId: user.id, project, input });
          expect(created).toBe(true);
          served++;
        }
      }),
    );
    expect(checks.reduce((a, b) => a + b, 0)).toBeGreaterThan(90);

    const counters = await db.item.findMany({ where: { id: { in: items.map((i) => i.id) } }, select: { judgmentCount: true, activeLeases: true } });
    expect(counters.every((c) => c.judgmentCount === 3 && c.activeLeases === 0)).toBe(true);
    const judgments = await db.judgment.findMany({ where: { item: { projectId: project.id } }, select: { itemId: true, userId: true, item: { select: { goldPreference: true } } } });
    expect(judgments).toHaveLength(90);
    expect(judgments.filter((j) => j.item.goldPreference !== null)).toHaveLength(0);
    expect(new Set(judgments.map((j) => `${j.itemId}/${j.userId}`)).size).toBe(90);
    // Every check was answered into CheckAnswer, each judgment re-checked at most once, none left open.
    expect(await db.checkAnswer.count({ where: { projectId: project.id, open: true } })).toBe(0);
    const rechecks = await db.checkAnswer.findMany({ where: { projectId: project.id, kind: "RECHECK" }, select: { judgmentId: true, answeredAt: true } });
    expect(rechecks.every((r) => r.answeredAt !== null)).toBe(true);
    expect(new Set(rechecks.map((r) => r.judgmentId)).size).toBe(rechecks.length);
  });
});
