import "server-only";
import { db } from "@/lib/db";
import { getProjectForActor, type Actor } from "@/lib/permissions";
import { judgmentsPerDay, type DayCount } from "./judgments-per-day";

export type AnnotatorActivity = {
  userId: string;
  name: string;
  email: string;
  /** A member of the project (external annotators from imported judgments are not). */
  member: boolean;
  judgments: number;
  /** Median time spent per judgment, over the judgments that recorded one. */
  medianSeconds: number | null;
  skips: number;
  /** Latest judgment, edit, skip or lease. */
  lastActiveAt: Date | null;
};

export type ProgressDashboard = {
  days: DayCount[];
  annotators: AnnotatorActivity[];
  /** Annotators with a judgment, skip or lease in the last `activeMinutes` minutes, most recent first. */
  activeNow: { userId: string; name: string; lastActiveAt: Date }[];
  activeMinutes: number;
};

const ACTIVE_MINUTES = 10;

/** A project's progress page for its leads and admins: per day, per annotator, and who is at work now. */
export async function getProgressDashboard(options: { actor: Actor; slug: string; days?: number; now?: Date }): Promise<ProgressDashboard> {
  const { actor, slug, now = new Date() } = options;
  const project = await getProjectForActor({ actor, slug, access: "lead" });
  const inProject = { item: { projectId: project.id } };
  const [days, judged, medians, skipped, leased, members] = await Promise.all([
    judgmentsPerDay({ projectId: project.id, days: options.days ?? 30, now }),
    db.judgment.groupBy({ by: ["userId"], where: inProject, _count: { _all: true }, _max: { updatedAt: true } }),
    db.$queryRaw<{ userId: string; median_ms: number | null }[]>`
      SELECT j."userId", percentile_cont(0.5) WITHIN GROUP (ORDER BY j."durationMs")::float8 AS median_ms
      FROM "Judgment" j JOIN "Item" i ON i."id" = j."itemId"
      WHERE i."projectId" = ${project.id} AND j."durationMs" IS NOT NULL
      GROUP BY j."userId"`,
    db.skip.groupBy({ by: ["userId"], where: inProject, _count: { _all: true }, _max: { createdAt: true } }),
    db.assignment.groupBy({ by: ["userId"], where: inProject, _max: { leasedAt: true } }),
    db.membership.findMany({ where: { projectId: project.id }, select: { userId: true } }),
  ]);

  const ids = new Set([...members.map((m) => m.userId), ...judged.map((r) => r.userId), ...skipped.map((r) => r.userId)]);
  const users = await db.user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true, email: true } });
  const memberIds = new Set(members.map((m) => m.userId));
  const judgedBy = new Map(judged.map((r) => [r.userId, r]));
  const medianBy = new Map(medians.map((r) => [r.userId, r.median_ms]));
  const skippedBy = new Map(skipped.map((r) => [r.userId, r]));
  const leasedBy = new Map(leased.map((r) => [r.userId, r._max.leasedAt]));

  const annotators = users.map((user): AnnotatorActivity => {
    const j = judgedBy.get(user.id);
    const s = skippedBy.get(user.id);
    const median = medianBy.get(user.id);
    return {
      userId: user.id,
      name: user.name,
      email: user.email,
      member: memberIds.has(user.id),
      judgments: j?._count._all ?? 0,
      medianSeconds: median === null || median === undefined ? null : Number(median) / 1000,
      skips: s?._count._all ?? 0,
      lastActiveAt: latest([j?._max.updatedAt, s?._max.createdAt, leasedBy.get(user.id)]),
    };
  });
  annotators.sort((a, b) => b.judgments - a.judgments || a.name.localeCompare(b.name));

  // "Active now": a judgment (updatedAt covers edits), a lease or a skip — the same moments as lastActiveAt.
  const since = new Date(now.getTime() - ACTIVE_MINUTES * 60_000);
  const activeNow = annotators
    .filter((a): a is AnnotatorActivity & { lastActiveAt: Date } => a.lastActiveAt !== null && a.lastActiveAt >= since)
    .map((a) => ({ userId: a.userId, name: a.name, lastActiveAt: a.lastActiveAt }))
    .sort((a, b) => b.lastActiveAt.getTime() - a.lastActiveAt.getTime());
  return { days, annotators, activeNow, activeMinutes: ACTIVE_MINUTES };
}

function latest(dates: Array<Date | null | undefined>): Date | null {
  let best: Date | null = null;
  for (const date of dates) if (date && (!best || date > best)) best = date;
  return best;
}
