import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { withTestDb } from "@/test/db";
import { createActor } from "@/test/api-fixtures";
import { failure } from "@/test/app-error";
import { createItems, createProject, createUser, judgmentInput } from "@/lib/assignment/test-fixtures";
import { leaseNextItem, type Lease } from "@/lib/assignment/lease-next-item";
import { getAnnotatorProgress } from "@/lib/assignment/get-annotator-progress";
import { submitJudgment } from "@/lib/judgments/submit-judgment";
import { updateOwnJudgment } from "@/lib/judgments/update-own-judgment";
import { skipItem } from "@/lib/judgments/skip-item";
import { getProjectAgreement } from "@/lib/agreement/project-agreement";
import { readProjectProgress } from "@/lib/projects/read-project-progress";
import { toItemTerms } from "@/lib/scale/preference-scale";
import type { Prisma } from "@/lib/generated/prisma/client";
import { readGoldTallies, readRecheckTallies } from "./check-stats";
import { setAnnotatorQualityStatus } from "./set-quality-status";
import { getOwnJudgment } from "@/lib/annotate/get-own-judgment";

withTestDb();

/** A seeded uniform generator (mulberry32), so which pair is a check is reproducible. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A project with `real` normal items and `gold` gold items (g-1.. with gold preference +2, tolerance 2 on the first). */
async function setup(settings: Partial<Prisma.ProjectCreateInput> = {}, real = 6, gold = 4) {
  const project = await createProject({ overlap: 2, scale: 3, ...settings });
  const items = await createItems(project.id, real);
  for (let i = 1; i <= gold; i++) {
    await db.item.create({
      data: {
        projectId: project.id,
        externalId: `g-${i}`,
        prompt: `Gold ${i}`,
        responseA: `good ${i}`,
        responseB: `bad ${i}`,
        goldPreference: 2,
        goldExplanation: `A is better because <b>${i}</b>`,
        goldMinStrength: i === 1 ? 2 : null,
      },
    });
  }
  return { project, items };
}

async function member(projectId: string, status: "ACTIVE" | "QUALIFYING" = "ACTIVE", name = "annotator") {
  const user = await createUser(name);
  const now = new Date();
  await db.membership.create({
    data: { userId: user.id, projectId, role: "ANNOTATOR", qualityStatus: status, qualifyingSince: status === "QUALIFYING" ? now : null },
  });
  return user;
}

const isGold = (lease: Lease | null) => Boolean(lease?.externalId.startsWith("g-"));

/** Answers a lease: gold items right (+2 in item terms) when `right`, else the wrong side; real items with `shown`. */
async function answer(user: { id: string }, project: Awaited<ReturnType<typeof createProject>>, lease: Lease, right = true, shown = 1) {
  const preference = isGold(lease) ? (right ? 2 : -2) : toItemTerms(shown, lease.swapped);
  return submitJudgment({ userId: user.id, project, input: judgmentInput(lease.externalId, preference, { duration_ms: 500 }) });
}

describe("gold items are served as checks and never counted", () => {
  it("serves gold about one pair in goldRate, stores the answers in CheckAnswer, and leaves counts, agreement and progress alone", async () => {
    const { project, items } = await setup({ goldRate: 3 }, 8, 4);
    const annotators = [await member(project.id), await member(project.id)];
    const random = seeded(7);
    let golds = 0;
    for (const user of annotators) {
      for (;;) {
        const lease = await leaseNextItem({ userId: user.id, projectId: project.id, random });
        if (!lease) break;
        if (isGold(lease)) golds++;
        const { created } = await answer(user, project, lease);
        expect(created).toBe(true);
      }
    }
    expect(golds).toBeGreaterThan(0);
    // Gold items never got a Judgment, an Assignment or a counted slot.
    const gold = await db.item.findMany({ where: { projectId: project.id, goldPreference: { not: null } }, select: { id: true, judgmentCount: true, activeLeases: true } });
    expect(gold.every((g) => g.judgmentCount === 0 && g.activeLeases === 0)).toBe(true);
    expect(await db.judgment.count({ where: { itemId: { in: gold.map((g) => g.id) } } })).toBe(0);
    expect(await db.assignment.count({ where: { itemId: { in: gold.map((g) => g.id) } } })).toBe(0);
    expect(await db.checkAnswer.count({ where: { projectId: project.id, kind: "GOLD", answeredAt: { not: null } } })).toBe(golds);
    // Every real item ends with exactly overlap judgments.
    const real = await db.item.findMany({ where: { id: { in: items.map((i) => i.id) } }, select: { judgmentCount: true } });
    expect(real.every((r) => r.judgmentCount === 2)).toBe(true);
    // Progress counts real items only; agreement sees only real items.
    const progress = (await readProjectProgress([project])).get(project.id)!;
    expect(progress).toMatchObject({ items: 8, items_complete: 8, judgments: 16, wanted: 16 });
    const mine = await getAnnotatorProgress({ userId: annotators[0]!.id, projectId: project.id });
    expect(mine).toMatchObject({ total: 8, available: 0 });
    const agreement = await getProjectAgreement({ projectId: project.id });
    expect(agreement.agreement.items).toBe(8);
    // The tallies other pages read.
    const tallies = await readGoldTallies(project.id);
    expect([...tallies.values()].reduce((s, t) => s + t.answered, 0)).toBe(golds);
  });

  it("answers a gold item in the shape of a judgment, with feedback only in training mode", async () => {
    for (const mode of ["audit", "training"] as const) {
      const { project } = await setup({ goldRate: 1, goldFeedback: mode }, 2, 2);
      const user = await member(project.id);
      const lease = (await leaseNextItem({ userId: user.id, projectId: project.id, random: seeded(1) }))!;
      expect(isGold(lease)).toBe(true);
      // Nothing in the lease tells a check from a pair.
      expect(Object.keys(lease).sort()).toEqual(["assignmentId", "displayOrder", "expiresAt", "externalId", "itemId", "pair", "resumed", "swapped"]);
      // g-1 needs strength 2: a 1 in the right direction is wrong there, right elsewhere.
      const input = judgmentInput(lease.externalId, 1, { rationale: "because" });
      const first = await submitJudgment({ userId: user.id, project, input });
      expect(first.created).toBe(true);
      expect(first.judgment).toMatchObject({ preference: 1, rationale: "because", clientId: input.client_id, item: { externalId: lease.externalId } });
      const correct = lease.externalId !== "g-1";
      if (mode === "audit") expect(first.feedback).toBeUndefined();
      else expect(first.feedback).toEqual({ expected_preference: 2, explanation: expect.stringContaining("A is better"), correct });
      const retry = await submitJudgment({ userId: user.id, project, input });
      expect(retry.created).toBe(false);
      expect(retry.judgment.id).toBe(first.judgment.id);
      // Undo changes the answer, not the score.
      const undone = await updateOwnJudgment({ userId: user.id, project, input: { ...input, preference: -1 } });
      expect(undone.preference).toBe(-1);
      const stored = await db.checkAnswer.findFirstOrThrow({ where: { userId: user.id, projectId: project.id } });
      expect(stored).toMatchObject({ preference: -1, firstPreference: 1, correct, open: false });
      expect(await db.judgment.count({ where: { userId: user.id } })).toBe(0);
    }
  });

  it("stores the integrity signals and the flags they trip with a gold answer, as with a judgment", async () => {
    const { project } = await setup({ goldRate: 1 }, 2, 2);
    const user = await member(project.id);
    const lease = (await leaseNextItem({ userId: user.id, projectId: project.id, random: seeded(1) }))!;
    expect(isGold(lease)).toBe(true);
    const item = await db.item.findFirstOrThrow({ where: { projectId: project.id, externalId: lease.externalId } });
    const chars = [item.promptText, item.responseA, item.responseB].join("").length;
    const rationale = "A is plainly the better answer here";
    const metadata = { hidden_ms: 6_000, pasted_chars: rationale.length, pastes: 1, choice_input: "key" as const };
    await submitJudgment({ userId: user.id, project, input: judgmentInput(lease.externalId, 2, { rationale, duration_ms: 8_000, metadata }) });
    const stored = await db.checkAnswer.findFirstOrThrow({ where: { userId: user.id, projectId: project.id, answeredAt: { not: null } }, select: { metadata: true } });
    expect(stored.metadata).toEqual({ signals: { ...metadata, chars }, flags: ["pasted_rationale", "tab_hidden"] });
    // Without signals: the length alone, no flags (the pair is too short for too_fast).
    const next = (await leaseNextItem({ userId: user.id, projectId: project.id, random: seeded(1) }))!;
    expect(isGold(next)).toBe(true);
    await submitJudgment({ userId: user.id, project, input: judgmentInput(next.externalId, 2, { duration_ms: 10 }) });
    const second = await db.checkAnswer.findFirstOrThrow({ where: { userId: user.id, item: { externalId: next.externalId } }, select: { metadata: true } });
    expect(second.metadata).toMatchObject({ signals: { chars: expect.any(Number) }, flags: [] });
  });

  it("resumes a held check lease before anything else, and keeps a late answer", async () => {
    const { project } = await setup({ goldRate: 1, leaseMinutes: 10 }, 2, 2);
    const user = await member(project.id);
    const now = new Date();
    const first = (await leaseNextItem({ userId: user.id, projectId: project.id, random: seeded(3), now }))!;
    const again = (await leaseNextItem({ userId: user.id, projectId: project.id, random: seeded(4), now }))!;
    expect(again).toMatchObject({ externalId: first.externalId, resumed: true, swapped: first.swapped });
    // Expired: a new lease closes it, but the answer, when it comes, is still taken.
    const later = new Date(now.getTime() + 11 * 60_000);
    const next = (await leaseNextItem({ userId: user.id, projectId: project.id, random: seeded(5), now: later }))!;
    expect(next.externalId).not.toBe(first.externalId);
    const late = await submitJudgment({ userId: user.id, project, input: judgmentInput(first.externalId, 2) });
    expect(late.created).toBe(true);
  });

  it("a skipped check closes like any skip and is not recorded as a skip", async () => {
    const { project } = await setup({ goldRate: 1 }, 2, 2);
    const user = await member(project.id);
    const first = (await leaseNextItem({ userId: user.id, projectId: project.id, random: seeded(3) }))!;
    expect(isGold(first)).toBe(true);
    expect(await skipItem({ userId: user.id, projectId: project.id, input: { item_id: first.externalId, reason: "unclear" } })).toEqual({ created: true });
    expect(await db.skip.count({ where: { userId: user.id } })).toBe(0);
    const next = (await leaseNextItem({ userId: user.id, projectId: project.id, random: seeded(4) }))!;
    expect(next.externalId).not.toBe(first.externalId);
  });
});

describe("qualification", () => {
  it("gives a qualifying annotator only gold, then real items after a pass; a fail gets the refusal; the lead can retry and admit", async () => {
    const { project } = await setup({ qualificationItems: 3, qualificationPassMark: 0.66 }, 4, 5);
    const lead = await createActor("lead", "LEAD");
    await db.membership.create({ data: { userId: lead.id, projectId: project.id, role: "LEAD" } });
    const passer = await member(project.id, "QUALIFYING", "passer");
    const failer = await member(project.id, "QUALIFYING", "failer");
    const random = seeded(11);

    for (let i = 0; i < 3; i++) {
      const lease = (await leaseNextItem({ userId: passer.id, projectId: project.id, random }))!;
      expect(isGold(lease)).toBe(true);
      await answer(passer, project, lease, i !== 0 || lease.externalId !== "g-1");
    }
    expect((await db.membership.findFirstOrThrow({ where: { userId: passer.id } })).qualityStatus).toBe("ACTIVE");
    const real = (await leaseNextItem({ userId: passer.id, projectId: project.id, random }))!;
    expect(isGold(real)).toBe(false);

    for (let i = 0; i < 3; i++) {
      const lease = (await leaseNextItem({ userId: failer.id, projectId: project.id, random }))!;
      expect(isGold(lease)).toBe(true);
      await answer(failer, project, lease, i === 0);
    }
    const refused = await failure(leaseNextItem({ userId: failer.id, projectId: project.id, random }));
    expect(refused.code).toBe("forbidden");
    expect(refused.details).toEqual({ reason: "not_qualified", answered: 3, correct: 1, needed: 2 });
    expect(refused.message).toMatch(/did not pass the qualification: 1 of 3 check items right, 2 needed/);
    const audits = await db.auditEvent.findMany({ where: { projectId: project.id, action: "member.quality_status" } });
    expect(audits.map((a) => (a.details as { to: string }).to).sort()).toEqual(["ACTIVE", "NOT_QUALIFIED"]);

    // Retry: a new round, gold items again (answered ones come back only after never-seen ones).
    await setAnnotatorQualityStatus({ actor: lead, slug: project.slug, userId: failer.id, action: "retry" });
    const retry = (await leaseNextItem({ userId: failer.id, projectId: project.id, random }))!;
    expect(isGold(retry)).toBe(true);
    const seen = await db.checkAnswer.count({ where: { userId: failer.id, itemId: retry.itemId, answeredAt: { not: null } } });
    expect(seen).toBe(0);
    // Admit skips the rest of the round.
    await setAnnotatorQualityStatus({ actor: lead, slug: project.slug, userId: failer.id, action: "admit" });
    await submitJudgment({ userId: failer.id, project, input: judgmentInput(retry.externalId, 2) });
    const admitted = (await leaseNextItem({ userId: failer.id, projectId: project.id, random }))!;
    expect(isGold(admitted)).toBe(false);
    // An action that does not apply says so; an annotator cannot act; a non-member gets 404.
    expect((await failure(setAnnotatorQualityStatus({ actor: lead, slug: project.slug, userId: failer.id, action: "readmit" }))).code).toBe("conflict");
    const annotatorActor = { ...(await db.user.findUniqueOrThrow({ where: { id: passer.id }, select: { id: true, email: true, name: true, role: true } })) };
    expect((await failure(setAnnotatorQualityStatus({ actor: annotatorActor, slug: project.slug, userId: failer.id, action: "pause" }))).code).toBe("forbidden");
    const outsider = await createActor("outsider", "LEAD");
    expect((await failure(setAnnotatorQualityStatus({ actor: outsider, slug: project.slug, userId: failer.id, action: "pause" }))).code).toBe("not_found");
  });
});

describe("auto-pause", () => {
  it("pauses after pauseMinGold gold answers below the bar, refuses with a reason, and re-admission restarts the window", async () => {
    const { project } = await setup({ goldRate: 1, pauseBelowAccuracy: 0.6, pauseMinGold: 3, goldWindow: 3 }, 4, 8);
    const lead = await createActor("lead", "LEAD");
    await db.membership.create({ data: { userId: lead.id, projectId: project.id, role: "LEAD" } });
    const user = await member(project.id);
    const random = seeded(5);
    const results = [true, false, false];
    for (const right of results) {
      const lease = (await leaseNextItem({ userId: user.id, projectId: project.id, random }))!;
      expect(isGold(lease)).toBe(true);
      await answer(user, project, lease, right && lease.externalId !== "g-1" ? true : right);
    }
    const status = (await db.membership.findFirstOrThrow({ where: { userId: user.id } })).qualityStatus;
    expect(status).toBe("PAUSED");
    const refused = await failure(leaseNextItem({ userId: user.id, projectId: project.id, random }));
    expect(refused).toMatchObject({ code: "forbidden", details: { reason: "paused" } });
    await setAnnotatorQualityStatus({ actor: lead, slug: project.slug, userId: user.id, action: "readmit" });
    // One more wrong answer does not re-pause: the window restarted.
    const lease = (await leaseNextItem({ userId: user.id, projectId: project.id, random }))!;
    await answer(user, project, lease, false);
    expect((await db.membership.findFirstOrThrow({ where: { userId: user.id } })).qualityStatus).toBe("ACTIVE");
  });

  it("a lead's pause stops leasing even with checks off", async () => {
    const { project } = await setup({}, 3, 0);
    const lead = await createActor("lead", "LEAD");
    await db.membership.create({ data: { userId: lead.id, projectId: project.id, role: "LEAD" } });
    const user = await member(project.id);
    await setAnnotatorQualityStatus({ actor: lead, slug: project.slug, userId: user.id, action: "pause" });
    expect((await failure(leaseNextItem({ userId: user.id, projectId: project.id }))).details).toEqual({ reason: "paused" });
  });
});

describe("swapped re-checks", () => {
  it("re-checks the share asked, after the gap, with sides opposite, once each, never counted", async () => {
    const { project } = await setup({ recheckRate: 0.25, recheckMinGap: 3, overlap: 1 }, 20, 0);
    const user = await member(project.id);
    const random = seeded(9);
    const served: { lease: Lease; check: boolean }[] = [];
    const judgedOrder: string[] = [];
    for (;;) {
      const lease = await leaseNextItem({ userId: user.id, projectId: project.id, random });
      if (!lease) break;
      const check = judgedOrder.includes(lease.itemId);
      if (check) {
        const judgment = await db.judgment.findFirstOrThrow({ where: { itemId: lease.itemId, userId: user.id } });
        expect(lease.swapped).toBe(!judgment.shownSwapped);
        // At least recheckMinGap later judgments.
        expect(judgedOrder.length - 1 - judgedOrder.indexOf(lease.itemId)).toBeGreaterThanOrEqual(3);
      } else judgedOrder.push(lease.itemId);
      served.push({ lease, check });
      // A consistent annotator: the same answer about the same content, whichever side it is shown on.
      const { created } = await answer(user, project, lease, true, lease.swapped ? -2 : 2);
      expect(created).toBe(true);
      const rechecks = served.filter((s) => s.check).length;
      expect(rechecks).toBeLessThanOrEqual(Math.ceil(0.25 * judgedOrder.length));
    }
    const rechecks = served.filter((s) => s.check);
    expect(judgedOrder).toHaveLength(20);
    expect(rechecks.length).toBeGreaterThanOrEqual(4);
    expect(new Set(rechecks.map((r) => r.lease.itemId)).size).toBe(rechecks.length);
    expect(await db.judgment.count({ where: { userId: user.id } })).toBe(20);
    const counts = await db.item.findMany({ where: { projectId: project.id }, select: { judgmentCount: true } });
    expect(counts.every((c) => c.judgmentCount === 1)).toBe(true);
    const tally = (await readRecheckTallies(project.id)).get(user.id)!;
    expect(tally).toMatchObject({ rechecks: rechecks.length, sameDirection: rechecks.length, meanAbsDifference: 0 });
  });

  it("a check answer is what Undo after a reload reaches: the latest in the project, and the one of its item", async () => {
    const { project } = await setup({ recheckRate: 1, recheckMinGap: 1, overlap: 1 }, 6, 0);
    const user = await member(project.id);
    const random = seeded(3);
    const judged = new Set<string>();
    let recheck: Lease | null = null;
    for (let step = 0; step < 6 && !recheck; step++) {
      const lease = (await leaseNextItem({ userId: user.id, projectId: project.id, random }))!;
      if (judged.has(lease.itemId)) recheck = lease;
      judged.add(lease.itemId);
      await answer(user, project, lease, true, recheck ? -1 : 2);
    }
    expect(recheck, "a re-check was served").not.toBeNull();
    const latest = await getOwnJudgment({ userId: user.id, projectId: project.id });
    expect(latest).toMatchObject({ item: { externalId: recheck!.externalId }, shownSwapped: recheck!.swapped, values: { preference: toItemTerms(-1, recheck!.swapped), flags: [], attributes: {} } });
    // The item has a judgment too; the re-check answer, later, is the one shown and changed.
    const ofItem = await getOwnJudgment({ userId: user.id, projectId: project.id, externalId: recheck!.externalId });
    expect(ofItem).toEqual(latest);
    await updateOwnJudgment({ userId: user.id, project, input: judgmentInput(recheck!.externalId, 3) });
    expect((await getOwnJudgment({ userId: user.id, projectId: project.id }))!.values.preference).toBe(3);
    // A later judgment is the latest again.
    const next = (await leaseNextItem({ userId: user.id, projectId: project.id, random }))!;
    expect(judged.has(next.itemId)).toBe(false);
    await answer(user, project, next, true, 2);
    expect((await getOwnJudgment({ userId: user.id, projectId: project.id }))!.item.externalId).toBe(next.externalId);
  });
});
