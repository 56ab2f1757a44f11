import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { withTestDb } from "@/test/db";
import { submitJudgment } from "@/lib/judgments/submit-judgment";
import { skipItem } from "@/lib/judgments/skip-item";
import { updateOwnJudgment } from "@/lib/judgments/update-own-judgment";
import { leaseNextItem } from "@/lib/assignment/lease-next-item";
import { getAnnotatorProgress } from "@/lib/assignment/get-annotator-progress";
import { createItems, createProject, createUser, judgmentInput } from "@/lib/assignment/test-fixtures";
import { importJudgments } from "@/lib/import/import-judgments";
import { bytesSource } from "@/lib/import/sources";
import { getProjectStats } from "@/lib/projects/get-project-stats";
import { getProgressDashboard } from "@/lib/progress/get-progress-dashboard";
import { readMembers } from "@/lib/members/read-members";
import { hasDifferences, verifyCounts } from "./verify-counts";

withTestDb();

type Project = Awaited<ReturnType<typeof createProject>>;

/** Every figure of the stats and the progress page, recounted from the rows as the pages did before the kept counts. */
async function recount(project: Project, now: Date) {
  const inProject = { item: { projectId: project.id } };
  const items = await db.item.findMany({ where: { projectId: project.id, goldPreference: null }, select: { judgmentCount: true } });
  const judgments = await db.judgment.findMany({
    where: inProject,
    select: { userId: true, preference: true, durationMs: true, createdAt: true, updatedAt: true },
  });
  const skips = await db.skip.findMany({ where: inProject, select: { userId: true, createdAt: true } });
  const leases = await db.assignment.findMany({ where: inProject, select: { userId: true, leasedAt: true, open: true, expiresAt: true } });
  const medians = await db.$queryRaw<{ userId: string; ms: number }[]>`
    SELECT j."userId", percentile_cont(0.5) WITHIN GROUP (ORDER BY j."durationMs")::float8 AS ms
    FROM "Judgment" j JOIN "Item" i ON i."id" = j."itemId"
    WHERE i."projectId" = ${project.id} AND j."durationMs" IS NOT NULL GROUP BY 1`;
  const max = (dates: Date[]) => (dates.length ? new Date(Math.max(...dates.map((d) => d.getTime()))) : null);
  const users = new Set([...judgments.map((j) => j.userId), ...skips.map((s) => s.userId)]);
  const perUser = [...users].sort().map((userId) => {
    const mine = judgments.filter((j) => j.userId === userId);
    const median = medians.find((m) => m.userId === userId);
    return {
      userId,
      judgments: mine.length,
      skips: skips.filter((s) => s.userId === userId).length,
      medianSeconds: median ? Number(median.ms) / 1000 : null,
      lastActiveAt: max([
        ...mine.map((j) => j.updatedAt),
        ...skips.filter((s) => s.userId === userId).map((s) => s.createdAt),
        ...leases.filter((l) => l.userId === userId).map((l) => l.leasedAt),
      ]),
    };
  });
  const perDay = new Map<string, number>();
  for (const j of judgments) perDay.set(j.createdAt.toISOString().slice(0, 10), (perDay.get(j.createdAt.toISOString().slice(0, 10)) ?? 0) + 1);
  return {
    stats: {
      items: items.length,
      items_complete: items.filter((i) => i.judgmentCount >= project.overlap).length,
      judgments: items.reduce((sum, i) => sum + i.judgmentCount, 0),
      wanted: items.length * project.overlap,
      annotators: new Set(judgments.map((j) => j.userId)).size,
      members: await db.membership.count({ where: { projectId: project.id } }),
      skips: skips.length,
      active_leases: leases.filter((l) => l.open && l.expiresAt > now).length,
      tie_rate: judgments.length ? judgments.filter((j) => j.preference === 0).length / judgments.length : null,
      last_judgment_at: max(judgments.map((j) => j.createdAt))?.toISOString() ?? null,
    },
    perUser,
    perDay,
  };
}

async function expectKeptEqualsRecount(project: Project) {
  const now = new Date();
  const report = await verifyCounts({ slug: project.slug });
  expect(report.differences).toEqual([]);
  expect(hasDifferences(report)).toBe(false);
  const expected = await recount(project, now);
  // The adaptive-overlap figures (lib/assignment/adaptive-progress.ts) are read from Item's own columns, not the kept counts.
  const { adaptive: _adaptive, ...stats } = await getProjectStats({ projectId: project.id, now });
  expect(stats).toEqual(expected.stats);

  const admin = await db.user.findFirstOrThrow({ where: { role: "ADMIN" }, select: { id: true, email: true, name: true, role: true } });
  const dash = await getProgressDashboard({ actor: admin, slug: project.slug, now, days: 3 });
  const shown = dash.annotators
    .filter((a) => a.judgments > 0 || a.skips > 0)
    .map(({ userId, judgments, skips, medianSeconds, lastActiveAt }) => ({ userId, judgments, skips, medianSeconds, lastActiveAt }))
    .sort((a, b) => a.userId.localeCompare(b.userId));
  const want = expected.perUser.sort((a, b) => a.userId.localeCompare(b.userId));
  expect(shown.map((a) => ({ ...a, medianSeconds: null }))).toEqual(want.map((a) => ({ ...a, medianSeconds: null })));
  // The kept median is over duration buckets: 100 ms below a minute (exact here: the times are whole
  // 100 ms), 1 s above. Below 30 s both middle values are under a minute, so it must be exact.
  shown.forEach((a, i) => {
    const exact = want[i]!.medianSeconds;
    if (exact === null) return expect(a.medianSeconds).toBeNull();
    expect(Math.abs(a.medianSeconds! - exact)).toBeLessThanOrEqual(exact < 30 ? 1e-9 : 0.5);
  });
  for (const day of dash.days) expect(day.judgments).toBe(expected.perDay.get(day.date) ?? 0);
  return expected;
}

describe("kept counts", () => {
  it("equal a full recount after concurrent submits, skips, import, patches and deletes", async () => {
    await db.user.create({ data: { email: `admin-${Date.now()}@example.com`, name: "Admin", role: "ADMIN" } });
    const project = await createProject({ overlap: 3, scale: 3, status: "ACTIVE" });
    const items = await createItems(project.id, 24);
    // Two gold items: checks, not work, never in progress.
    await db.item.createMany({
      data: [1, 2].map((n) => ({ projectId: project.id, externalId: `gold-${n}`, prompt: "p", responseA: "a", responseB: "b", goldPreference: 1 })),
    });
    const annotators = await Promise.all(Array.from({ length: 8 }, (_, i) => createUser(`counted-${i}`)));
    await db.membership.createMany({ data: annotators.map((u) => ({ userId: u.id, projectId: project.id, role: "ANNOTATOR" as const })) });

    // Eight annotators at once, each judging (times in whole 100 ms, so the median is exact) or now and then skipping.
    await Promise.all(
      annotators.map(async (user, a) => {
        for (let n = 0; ; n++) {
          const lease = await leaseNextItem({ userId: user.id, projectId: project.id });
          if (!lease) return;
          if ((n + a) % 6 === 5) {
            await skipItem({ userId: user.id, projectId: project.id, input: { item_id: lease.externalId, reason: "unclear" } });
            continue;
          }
          const input = judgmentInput(lease.externalId, randomInt(-3, 4), { duration_ms: 100 * (randomInt(0, 2) ? randomInt(5, 250) : randomInt(5, 900)) });
          await submitJudgment({ userId: user.id, project, input });
        }
      }),
    );
    await expectKeptEqualsRecount(project);

    // One lease left open: it counts as held and as activity.
    const holder = await createUser("holder");
    await db.membership.create({ data: { userId: holder.id, projectId: project.id, role: "ANNOTATOR" } });
    await db.item.create({ data: { projectId: project.id, externalId: "late", prompt: "p", responseA: "a", responseB: "b" } });
    expect(await leaseNextItem({ userId: holder.id, projectId: project.id })).not.toBeNull();

    // Judgments made elsewhere, by external annotators.
    const file = ["q-0", "q-1", "late"].map((id, i) => JSON.stringify({ item_id: id, annotator: `ext-${i}`, preference: i - 1 })).join("\n");
    const imported = await importJudgments({ actor: annotators[0]!, projectId: project.id, onError: "skip", source: () => bytesSource(file) });
    expect(imported.imported).toBeGreaterThan(0);

    // Patches: each of three annotators turns their first judgment into a tie and adds time.
    for (const user of annotators.slice(0, 3)) {
      const own = await db.judgment.findFirstOrThrow({ where: { userId: user.id, item: { projectId: project.id } }, include: { item: true }, orderBy: { createdAt: "asc" } });
      await updateOwnJudgment({ userId: user.id, project, input: { item_id: own.item.externalId, preference: 0, duration_ms: 1200 } as never });
    }
    await expectKeptEqualsRecount(project);

    // Deletes: one judgment (with its item counter, as the import rollback does), one skip, one item with all it holds, two more at once.
    const victim = await db.judgment.findFirstOrThrow({ where: { item: { projectId: project.id } }, orderBy: { updatedAt: "desc" } });
    await db.$transaction([
      db.judgment.delete({ where: { id: victim.id } }),
      db.item.update({ where: { id: victim.itemId }, data: { judgmentCount: { decrement: 1 } } }),
    ]);
    const skip = await db.skip.findFirstOrThrow({ where: { item: { projectId: project.id } } });
    await db.skip.delete({ where: { id: skip.id } });
    await db.item.delete({ where: { id: items[2]!.id } });
    await db.item.deleteMany({ where: { id: { in: [items[3]!.id, items[4]!.id] } } });
    const after = await expectKeptEqualsRecount(project);
    expect(after.stats.items).toBe(22);

    // A new overlap rewrites nothing: complete and wanted follow at read time.
    const wider = await db.project.update({ where: { id: project.id }, data: { overlap: 4 } });
    await expectKeptEqualsRecount(wider);
    const mine = await getAnnotatorProgress({ userId: annotators[5]!.id, projectId: project.id });
    expect(mine).toMatchObject({ judged: after.perUser.find((u) => u.userId === annotators[5]!.id)!.judgments, total: 22, wantedJudgments: 88 });
    const members = await readMembers(project.id);
    for (const m of members) expect(m.judgments).toBe(after.perUser.find((u) => u.userId === m.user_id)?.judgments ?? 0);

    // Deleting a user takes their rows and counts with them.
    await db.user.delete({ where: { id: holder.id } });
    await expectKeptEqualsRecount(wider);

    // An item turned into a gold item leaves progress; deleting the project takes all its counts.
    await db.item.update({ where: { id: items[5]!.id }, data: { goldPreference: -1 } });
    expect((await expectKeptEqualsRecount(wider)).stats.items).toBe(21);
    await db.project.delete({ where: { id: project.id } });
    const left = await Promise.all([db.projectItemTally.count(), db.projectUserTally.count(), db.projectDayTally.count(), db.projectDurationTally.count()]);
    expect(left).toEqual([0, 0, 0, 0]);
    expect(hasDifferences(await verifyCounts())).toBe(false);
  });

  it("finds a wrong count, repairs it with fix, and leaves other projects alone", async () => {
    const project = await createProject({ overlap: 2 });
    const items = await createItems(project.id, 3);
    const user = await createUser("wrong");
    await db.judgment.create({ data: { itemId: items[0]!.id, userId: user.id, preference: 1, guidelinesVersion: 1, clientId: `w-${Date.now()}`, durationMs: 4000 } });
    await db.item.update({ where: { id: items[0]!.id }, data: { judgmentCount: 1 } });
    expect(hasDifferences(await verifyCounts({ slug: project.slug }))).toBe(false);

    await db.$executeRaw`UPDATE "ProjectUserTally" SET "judgments" = "judgments" + 2 WHERE "projectId" = ${project.id}`;
    await db.$executeRaw`DELETE FROM "ProjectDayTally" WHERE "projectId" = ${project.id}`;
    await db.item.update({ where: { id: items[1]!.id }, data: { judgmentCount: 1 } });
    const found = await verifyCounts({ slug: project.slug });
    // The histogram follows Item.judgmentCount (its trigger), so a wrong counter shows as one, not in the histogram.
    expect(found.found).toEqual({ "Item.judgmentCount": 1, ProjectItemTally: 0, ProjectUserTally: 1, ProjectDayTally: 1, ProjectDurationTally: 0 });
    expect(found.differences.find((d) => d.table === "ProjectUserTally")).toMatchObject({ stored: { judgments: 3 }, expected: { judgments: 1 } });

    const fixed = await verifyCounts({ slug: project.slug, fix: true });
    expect(fixed.fixed).toEqual([project.id]);
    expect(hasDifferences(await verifyCounts({ slug: project.slug }))).toBe(false);
    expect(hasDifferences(await verifyCounts())).toBe(false);
    expect(await getProjectStats({ projectId: project.id })).toMatchObject({ items: 3, judgments: 1, annotators: 1 });
    await expect(verifyCounts({ slug: "no-such-project" })).rejects.toMatchObject({ code: "not_found" });
  });
});
