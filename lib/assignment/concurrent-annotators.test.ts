import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { submitJudgment } from "@/lib/judgments/submit-judgment";
import { toItemTerms } from "@/lib/scale/preference-scale";
import { leaseNextItem } from "./lease-next-item";
import { withTestDb } from "@/test/db";
import { createItems, createProject, createUser, judgmentInput } from "./test-fixtures";

withTestDb();

describe("20 annotators at once on 30 items with overlap 3", () => {
  // On PostgreSQL each annotator's loop runs on its own pooled connection, so
  // leases and submits really interleave; on PGlite they queue on one.
  for (let round = 1; round <= 3; round++) {
    it(`ends with exactly 3 judgments per item (round ${round})`, async () => {
      const project = await createProject({ overlap: 3, scale: 3 });
      const items = await createItems(project.id, 30);
      const annotators = await Promise.all(Array.from({ length: 20 }, (_, i) => createUser(`annotator-${i}`)));

      const perAnnotator = await Promise.all(
        annotators.map(async (user) => {
          const judged: string[] = [];
          for (;;) {
            const lease = await leaseNextItem({ userId: user.id, projectId: project.id });
            if (!lease) return judged;
            expect(lease.resumed).toBe(false);
            const shown = randomInt(-3, 4);
            const input = judgmentInput(lease.externalId, toItemTerms(shown, lease.swapped), { duration_ms: 1000 });
            const { created } = await submitJudgment({ userId: user.id, project, input });
            expect(created).toBe(true);
            judged.push(lease.itemId);
          }
        }),
      );

      for (const judged of perAnnotator) expect(new Set(judged).size).toBe(judged.length);
      expect(perAnnotator.flat()).toHaveLength(90);

      const judgments = await db.judgment.findMany({ where: { item: { projectId: project.id } }, select: { itemId: true, userId: true } });
      expect(judgments).toHaveLength(90);
      expect(new Set(judgments.map((j) => `${j.itemId}/${j.userId}`)).size).toBe(90);
      const perItem = new Map<string, number>();
      for (const j of judgments) perItem.set(j.itemId, (perItem.get(j.itemId) ?? 0) + 1);
      expect(items.map((item) => perItem.get(item.id))).toEqual(items.map(() => 3));

      const counters = await db.item.findMany({ where: { projectId: project.id }, select: { judgmentCount: true, activeLeases: true } });
      expect(counters.every((c) => c.judgmentCount === 3 && c.activeLeases === 0)).toBe(true);
      expect(await db.assignment.count({ where: { item: { projectId: project.id }, open: true } })).toBe(0);
      expect(await db.assignment.count({ where: { item: { projectId: project.id } } })).toBe(90);
    });
  }

  it("reclaims abandoned leases under load and still keeps the late judgments", async () => {
    const project = await createProject({ overlap: 3, leaseMinutes: 30 });
    await createItems(project.id, 30);
    const start = new Date();
    const later = new Date(start.getTime() + 31 * 60_000);
    // Ten annotators each take two pairs and walk away.
    const quitters = await Promise.all(Array.from({ length: 10 }, (_, i) => createUser(`quitter-${i}`)));
    const abandoned: { userId: string; externalId: string }[] = [];
    for (const user of quitters) {
      const first = (await leaseNextItem({ userId: user.id, projectId: project.id, now: start }))!;
      const second = (await leaseNextItem({ userId: user.id, projectId: project.id, now: start, excludeItemIds: [first.itemId] }))!;
      abandoned.push({ userId: user.id, externalId: first.externalId }, { userId: user.id, externalId: second.externalId });
    }
    expect((await db.item.aggregate({ where: { projectId: project.id }, _sum: { activeLeases: true } }))._sum.activeLeases).toBe(20);

    // Half an hour later, twenty others work through everything at once.
    const annotators = await Promise.all(Array.from({ length: 20 }, (_, i) => createUser(`annotator-${i}`)));
    await Promise.all(
      annotators.map(async (user) => {
        for (;;) {
          const lease = await leaseNextItem({ userId: user.id, projectId: project.id, now: later });
          if (!lease) return;
          await submitJudgment({ userId: user.id, project, input: judgmentInput(lease.externalId, 2), now: later });
        }
      }),
    );
    let counters = await db.item.findMany({ where: { projectId: project.id }, select: { judgmentCount: true, activeLeases: true } });
    expect(counters.every((c) => c.judgmentCount === 3 && c.activeLeases === 0)).toBe(true);

    // The quitters come back and submit: their work is kept, past the overlap.
    for (const { userId, externalId } of abandoned) {
      const { created } = await submitJudgment({ userId, project, input: judgmentInput(externalId, -2) });
      expect(created).toBe(true);
    }
    counters = await db.item.findMany({ where: { projectId: project.id }, select: { judgmentCount: true, activeLeases: true } });
    expect(counters.reduce((sum, c) => sum + c.judgmentCount, 0)).toBe(110);
    expect(counters.every((c) => c.activeLeases === 0)).toBe(true);
    expect(await db.judgment.count({ where: { item: { projectId: project.id } } })).toBe(110);
  });
});
