import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createSeededRng } from "@/lib/ranking/bradley-terry";
import { submitJudgment } from "@/lib/judgments/submit-judgment";
import { updateOwnJudgment } from "@/lib/judgments/update-own-judgment";
import { updateProject } from "@/lib/projects/update-project";
import { submitJudgmentInput, updateJudgmentInput } from "@/lib/validations/judgment";
import { createRankingItems } from "@/lib/ranking-items/test-fixtures";
import { toItemTerms } from "@/lib/scale/preference-scale";
import { withTestDb } from "@/test/db";
import { createActor } from "@/test/api-fixtures";
import { leaseNextItem } from "./lease-next-item";
import { aggregateItemProgress, readAdaptiveProgress } from "./adaptive-progress";
import { directionOf, stopReason, stoppingRuleOf, type DirectionVotes, type StoppingRule } from "./stopping-rule";
import { createItems, createProject, createUser, judgmentInput } from "./test-fixtures";

withTestDb();

const share75: StoppingRule = { overlapMin: 2, overlapMax: 5, stopShare: 0.75, stopOn: "share" };
const projectOf = (rule: StoppingRule) => ({ overlap: rule.overlapMax, overlapMin: rule.overlapMin, overlapMax: rule.overlapMax, stopShare: rule.stopShare, stopOn: rule.stopOn });

function votesOf(preferences: number[]): DirectionVotes {
  const votes = { a: 0, b: 0, tie: 0 };
  for (const p of preferences) votes[directionOf(p)] += 1;
  return votes;
}

async function itemState(itemId: string) {
  return db.item.findUniqueOrThrow({ where: { id: itemId }, select: { judgmentCount: true, activeLeases: true, votesA: true, votesB: true, votesTie: true, votesRanked: true, stopReason: true } });
}

describe("the stopping rule in SQL agrees with lib/assignment/stopping-rule.ts", () => {
  it("on many random vote counts and rules, boundaries included", async () => {
    const random = createSeededRng(14);
    const shares = [0.5000001, 0.6, 2 / 3, 0.7, 0.75, 0.8, 0.9, 1];
    const cases: { votes: DirectionVotes; rule: StoppingRule }[] = [];
    for (let i = 0; i < 3000; i++) {
      const k = 1 + Math.floor(random() * 6);
      const K = k + Math.floor(random() * 15);
      const n = Math.floor(random() * (K + 2));
      const a = Math.floor(random() * (n + 1));
      const b = Math.floor(random() * (n - a + 1));
      // One case in five is a ranking item's: its n judgments are rankings, no direction.
      const ranked = random() < 0.2;
      cases.push({
        votes: ranked ? { a: 0, b: 0, tie: 0, ranked: n } : { a, b, tie: n - a - b },
        rule: { overlapMin: k, overlapMax: K, stopShare: random() < 0.5 ? shares[Math.floor(random() * shares.length)]! : 0.5 + random() / 2, stopOn: random() < 0.5 ? "share" : "bound" },
      });
    }
    const rows = await db.$queryRawUnsafe<{ r: string | null }[]>(
      `SELECT "pw_stop_reason"(t.a, t.b, t.t, t.r, t.k, t.kmax, t.share, t.stop_on) AS r
       FROM unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::int[], $6::int[], $7::float8[], $8::text[]) WITH ORDINALITY AS t(a, b, t, r, k, kmax, share, stop_on, ord)
       ORDER BY t.ord`,
      cases.map((c) => c.votes.a),
      cases.map((c) => c.votes.b),
      cases.map((c) => c.votes.tie),
      cases.map((c) => c.votes.ranked ?? 0),
      cases.map((c) => c.rule.overlapMin),
      cases.map((c) => c.rule.overlapMax),
      cases.map((c) => c.rule.stopShare),
      cases.map((c) => c.rule.stopOn),
    );
    const mismatches = cases.filter((c, i) => rows[i]!.r !== stopReason(c.votes, c.rule));
    expect(mismatches).toEqual([]);
    // A ranking item finishes at K and never earlier.
    expect(cases.some((c, i) => c.votes.ranked && rows[i]!.r === "max")).toBe(true);
    expect(cases.every((c, i) => !c.votes.ranked || rows[i]!.r === (c.votes.ranked >= c.rule.overlapMax ? "max" : null))).toBe(true);
    // Every reason was exercised.
    expect(new Set(rows.map((r) => r.r))).toEqual(new Set([null, "max", "unanimous", "share", "bound"]));
  });

  it("on random judgment sequences written to Judgment (the triggers keep votes and state)", async () => {
    const random = createSeededRng(7);
    const users = await Promise.all(Array.from({ length: 9 }, (_, i) => createUser(`voter-${i}`)));
    for (const rule of [share75, { ...share75, overlapMax: 9, stopShare: 0.7, stopOn: "bound" as const }, { overlapMin: 3, overlapMax: 3, stopShare: 0.75, stopOn: "share" as const }]) {
      const project = await createProject(projectOf(rule));
      const items = await createItems(project.id, 12);
      for (const item of items) {
        const lean = random();
        const seq: number[] = [];
        for (const user of users.slice(0, rule.overlapMax)) {
          const r = random();
          const p = r < lean * 0.8 ? -1 : r < 0.9 ? 2 : 0;
          seq.push(p);
          await db.judgment.create({
            data: { itemId: item.id, userId: user.id, preference: p, guidelinesVersion: 1, clientId: `seq-${item.id}-${user.id}` },
          });
          const state = await itemState(item.id);
          const votes = votesOf(seq);
          expect({ a: state.votesA, b: state.votesB, tie: state.votesTie }).toEqual(votes);
          expect(state.stopReason).toBe(stopReason(votes, rule));
        }
      }
    }
  });
});

describe("adaptive overlap through the real lease and submit", () => {
  async function setup(rule: StoppingRule, annotators = 6) {
    const project = await createProject({ ...projectOf(rule), scale: 2 });
    const [item] = await createItems(project.id, 1);
    const users = await Promise.all(Array.from({ length: annotators }, (_, i) => createUser(`a-${i}`)));
    return { project, item: item!, users };
  }
  /** Leases and judges the item with the user, at a preference given in the item's terms. */
  async function judge(project: Awaited<ReturnType<typeof createProject>>, userId: string, preference: number) {
    const lease = await leaseNextItem({ userId, projectId: project.id });
    expect(lease).not.toBeNull();
    await submitJudgment({ userId, project, input: judgmentInput(lease!.externalId, preference) });
  }

  it("k slots at first, none more once k agree (unanimous at k)", async () => {
    const { project, item, users } = await setup(share75);
    const l0 = await leaseNextItem({ userId: users[0]!.id, projectId: project.id });
    const l1 = await leaseNextItem({ userId: users[1]!.id, projectId: project.id });
    expect([l0?.itemId, l1?.itemId]).toEqual([item.id, item.id]);
    // Two leases fill the k = 2 slots.
    expect(await leaseNextItem({ userId: users[2]!.id, projectId: project.id })).toBeNull();
    await submitJudgment({ userId: users[0]!.id, project, input: judgmentInput(l0!.externalId, -1) });
    await submitJudgment({ userId: users[1]!.id, project, input: judgmentInput(l1!.externalId, -2) });
    expect(await itemState(item.id)).toMatchObject({ judgmentCount: 2, votesA: 2, stopReason: "unanimous" });
    expect(await leaseNextItem({ userId: users[2]!.id, projectId: project.id })).toBeNull();
  });

  it("a split at k is offered one more at a time until the share is reached", async () => {
    // B, A → open; B → 2/3 < 0.75, open; B → 3/4, finished by share.
    const { project, item, users } = await setup(share75);
    await judge(project, users[0]!.id, 1);
    await judge(project, users[1]!.id, -1);
    expect((await itemState(item.id)).stopReason).toBeNull();
    const third = await leaseNextItem({ userId: users[2]!.id, projectId: project.id });
    expect(third?.itemId).toBe(item.id);
    // One at a time past k: while the third holds it, nobody else gets it.
    expect(await leaseNextItem({ userId: users[3]!.id, projectId: project.id })).toBeNull();
    await submitJudgment({ userId: users[2]!.id, project, input: judgmentInput(third!.externalId, 2) });
    expect((await itemState(item.id)).stopReason).toBeNull();
    await judge(project, users[3]!.id, 1);
    expect(await itemState(item.id)).toMatchObject({ judgmentCount: 4, votesA: 1, votesB: 3, stopReason: "share" });
    expect(await leaseNextItem({ userId: users[4]!.id, projectId: project.id })).toBeNull();
    const progress = await readAdaptiveProgress(project.id);
    expect(progress.finished).toMatchObject({ total: 1, share: 1, early: 1 });
    expect(progress).toMatchObject({ judgmentsSpent: 4, fixedMaxCost: 5, finishedSpent: 4, finishedFixedCost: 5, openDisagreeing: 0 });
  });

  it("a split that never settles stops at K; the bound rule needs more than the share", async () => {
    const bound: StoppingRule = { overlapMin: 2, overlapMax: 5, stopShare: 0.6, stopOn: "bound" };
    const { project, item, users } = await setup(bound);
    // B, A, B, B, B: the share is 0.75 after 4, but its lower 90% bound is not 0.6.
    for (const [i, p] of [1, -1, 1, 1].entries()) await judge(project, users[i]!.id, p);
    expect((await itemState(item.id)).stopReason).toBeNull();
    expect((await readAdaptiveProgress(project.id)).openDisagreeing).toBe(1);
    await judge(project, users[4]!.id, 1);
    expect(await itemState(item.id)).toMatchObject({ judgmentCount: 5, stopReason: "max" });
    expect(await leaseNextItem({ userId: users[5]!.id, projectId: project.id })).toBeNull();
  });

  it("a ranking item is fixed-overlap: identical rankings at k do not finish it, K does", async () => {
    const project = await createProject({ ...projectOf(share75), scale: 2 });
    const [item] = await createRankingItems(project.id, 1, 3);
    const users = await Promise.all(Array.from({ length: 6 }, (_, i) => createUser(`rk-${i}`)));
    const rank = async (userId: string) => {
      const lease = await leaseNextItem({ userId, projectId: project.id });
      expect(lease?.itemId).toBe(item!.id);
      await submitJudgment({ userId, project, input: submitJudgmentInput.parse({ item_id: lease!.externalId, ranking: [[0], [1], [2]], client_id: `rank-${userId}` }) });
    };
    for (const user of users.slice(0, 4)) {
      await rank(user.id);
      expect((await itemState(item!.id)).stopReason).toBeNull();
    }
    expect(await itemState(item!.id)).toMatchObject({ judgmentCount: 4, votesA: 0, votesB: 0, votesTie: 0, votesRanked: 4 });
    // Changing a ranking moves no vote.
    await updateOwnJudgment({ userId: users[0]!.id, project, input: updateJudgmentInput.parse({ item_id: "r-001", ranking: [[2], [1], [0]] }) });
    expect(await itemState(item!.id)).toMatchObject({ votesRanked: 4, stopReason: null });
    await rank(users[4]!.id);
    expect(await itemState(item!.id)).toMatchObject({ judgmentCount: 5, votesRanked: 5, stopReason: "max" });
    expect(await leaseNextItem({ userId: users[5]!.id, projectId: project.id })).toBeNull();
    expect((await readAdaptiveProgress(project.id)).finished).toMatchObject({ total: 1, max: 1, early: 0 });
    // A deleted ranking reopens it.
    await db.judgment.deleteMany({ where: { itemId: item!.id, userId: users[4]!.id } });
    expect(await itemState(item!.id)).toMatchObject({ votesRanked: 4, stopReason: null });
  });

  it("an item inserted or updated with votes is decided by the triggers too", async () => {
    const project = await createProject(projectOf(share75));
    const item = await db.item.create({ data: { projectId: project.id, externalId: "pre", prompt: "p", responseA: "a", responseB: "b", votesA: 2, judgmentCount: 2 } });
    expect(item.stopReason).toBe("unanimous");
    await db.item.update({ where: { id: item.id }, data: { votesB: 1, judgmentCount: 3 } });
    expect((await itemState(item.id)).stopReason).toBeNull();
  });

  it("a project without k and K keeps the fixed overlap", async () => {
    const project = await createProject({ overlap: 2 });
    const [item] = await createItems(project.id, 1);
    const users = await Promise.all([createUser(), createUser(), createUser()]);
    await judge(project, users[0]!.id, 1);
    await judge(project, users[1]!.id, -1);
    expect((await itemState(item!.id)).stopReason).toBe("max");
    expect(await leaseNextItem({ userId: users[2]!.id, projectId: project.id })).toBeNull();
  });

  it("changing a judgment's direction can reopen or finish an item; changing the rule re-decides every item", async () => {
    const { project, item, users } = await setup(share75);
    await judge(project, users[0]!.id, -1);
    await judge(project, users[1]!.id, -2);
    expect((await itemState(item.id)).stopReason).toBe("unanimous");
    const patch = (preference: number) =>
      updateOwnJudgment({ userId: users[1]!.id, project, input: updateJudgmentInput.parse({ item_id: "q-001", preference }) });
    // The second annotator changes their mind: a split, the item is open again and offered.
    await patch(1);
    expect(await itemState(item.id)).toMatchObject({ votesA: 1, votesB: 1, stopReason: null });
    const lease = await leaseNextItem({ userId: users[2]!.id, projectId: project.id });
    expect(lease?.itemId).toBe(item.id);
    // …and back: unanimous again, finished, though a lease is still out.
    await patch(-1);
    expect(await itemState(item.id)).toMatchObject({ votesA: 2, votesB: 0, stopReason: "unanimous", activeLeases: 1 });
    expect(await leaseNextItem({ userId: users[3]!.id, projectId: project.id })).toBeNull();
    // Same direction, another strength: nothing changes.
    await patch(-2);
    expect((await itemState(item.id)).stopReason).toBe("unanimous");
    // The held lease is still judged and kept (a late judgment, as with a fixed overlap): 2 A, 1 B is open again.
    await submitJudgment({ userId: users[2]!.id, project, input: judgmentInput(lease!.externalId, 1) });
    expect(await itemState(item.id)).toMatchObject({ judgmentCount: 3, stopReason: null });
    // A delete is a writer too.
    await db.judgment.delete({ where: { itemId_userId: { itemId: item.id, userId: users[2]!.id } } });
    expect(await itemState(item.id)).toMatchObject({ votesA: 2, votesB: 0, stopReason: "unanimous" });
    // A rule change re-decides: unanimity at 2 no longer finishes with k = 3.
    const admin = await createActor("admin", "ADMIN");
    await updateProject({ actor: admin, slug: project.slug, input: { overlap_min: 3 } });
    expect((await itemState(item.id)).stopReason).toBeNull();
    await updateProject({ actor: admin, slug: project.slug, input: { overlap_min: null, overlap_max: null, overlap: 2 } });
    expect((await itemState(item.id)).stopReason).toBe("max");
  });
});

describe("20 annotators at once on 30 items with k = 2, K = 5", () => {
  for (const [round, rule] of [
    [1, share75],
    [2, { overlapMin: 2, overlapMax: 5, stopShare: 0.6, stopOn: "bound" }],
  ] as const) {
    it(`never passes K, never stops before the rule fires, leaves nothing open (round ${round}, ${rule.stopOn})`, async () => {
      const project = await createProject({ ...projectOf(rule), scale: 3 });
      const items = await createItems(project.id, 30);
      // Each item leans to A, to B or neither, so some agree at once and some split.
      const lean = new Map(items.map((item, i) => [item.id, [0.9, 0.1, 0.5][i % 3]!]));
      const annotators = await Promise.all(Array.from({ length: 20 }, (_, i) => createUser(`annotator-${i}`)));
      const random = createSeededRng(100 + round);
      await Promise.all(
        annotators.map(async (user) => {
          for (;;) {
            const lease = await leaseNextItem({ userId: user.id, projectId: project.id });
            if (!lease) return;
            const itemTerms = random() < lean.get(lease.itemId)! ? -2 : random() < 0.9 ? 1 : 0;
            // Answered on screen in the shown order, stored in item terms.
            const shown = lease.swapped ? -itemTerms : itemTerms;
            await submitJudgment({ userId: user.id, project, input: judgmentInput(lease.externalId, toItemTerms(shown, lease.swapped)) });
          }
        }),
      );
      const judgments = await db.judgment.findMany({
        where: { item: { projectId: project.id } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { itemId: true, preference: true },
      });
      const byItem = new Map<string, number[]>();
      for (const j of judgments) byItem.set(j.itemId, [...(byItem.get(j.itemId) ?? []), j.preference ?? 0]);
      const states = await db.item.findMany({ where: { projectId: project.id }, select: { id: true, judgmentCount: true, activeLeases: true, stopReason: true } });
      let early = 0;
      for (const state of states) {
        const seq = byItem.get(state.id) ?? [];
        expect(seq.length).toBeLessThanOrEqual(rule.overlapMax);
        expect(state.judgmentCount).toBe(seq.length);
        expect(state.activeLeases).toBe(0);
        // Finished, and by its rule on its own judgments (nothing left open while annotators ran out).
        expect(state.stopReason).not.toBeNull();
        expect(state.stopReason).toBe(stopReason(votesOf(seq), rule));
        // Never a judgment more than the rule asked for: one fewer was still open.
        expect(stopReason(votesOf(seq.slice(0, -1)), rule)).toBeNull();
        if (state.stopReason !== "max") early += 1;
      }
      // The leaning items finish early, the split ones often go to K.
      expect(early).toBeGreaterThan(5);
      const progress = await readAdaptiveProgress(project.id);
      expect(progress.finished.total).toBe(30);
      expect(progress.judgmentsSpent).toBe(judgments.length);
      expect(progress.judgmentsSpent).toBeLessThan(progress.fixedMaxCost);
    });
  }

  it("with a fixed overlap, reads the same figures from the kept histogram as the aggregate over the items", async () => {
    const project = await createProject({ overlap: 2 });
    // Votes as the judgments would cast them: the Item_stop trigger decides, the tally triggers count.
    const counts = [0, 1, 1, 2, 2, 3, 4];
    await db.item.createMany({
      data: [
        ...counts.map((n, i) => ({ projectId: project.id, externalId: `f-${i}`, prompt: "p", responseA: "A", responseB: "B", judgmentCount: n, votesA: n - (n >> 1), votesB: n >> 1 })),
        { projectId: project.id, externalId: "gold", prompt: "p", responseA: "A", responseB: "B", judgmentCount: 3, votesA: 3, goldPreference: -2 },
      ],
    });
    for (const overlap of [2, 3, 1]) {
      await db.project.update({ where: { id: project.id }, data: { overlap } });
      const rule = stoppingRuleOf({ overlap, overlapMin: null, overlapMax: null, stopShare: project.stopShare, stopOn: project.stopOn });
      const kept = await readAdaptiveProgress(project.id);
      expect(kept.adaptive).toBe(false);
      expect(kept).toEqual(await aggregateItemProgress(project.id, rule));
      expect(kept.finished.total).toBe(counts.filter((n) => n >= overlap).length);
    }
  });
});

