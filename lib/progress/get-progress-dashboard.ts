import "server-only";
import { db } from "@/lib/db";
import { getProjectForActor, type Actor } from "@/lib/permissions";
import { judgmentsPerDay, type DayCount } from "./judgments-per-day";
import { readUserTallies } from "@/lib/counts/read-user-tallies";
import { readMedianDurations } from "@/lib/counts/read-median-durations";

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

/**
 * A project's progress page for its leads and admins: per day, per annotator,
 * and who is at work now. Every figure comes from the kept counts
 * (docs/architecture.md, "Counters"), so the page costs the same at any size.
 */
export async function getProgressDashboard(options: { actor: Actor; slug: string; days?: number; now?: Date }): Promise<ProgressDashboard> {
  const { actor, slug, now = new Date() } = options;
  const project = await getProjectForActor({ actor, slug, access: "lead" });
  const [days, tallies, durations, members] = await Promise.all([
    judgmentsPerDay({ projectId: project.id, days: options.days ?? 30, now }),
    readUserTallies(project.id),
    readMedianDurations(project.id),
    db.membership.findMany({ where: { projectId: project.id }, select: { userId: true } }),
  ]);

  // Everyone who judged or skipped, and every member (leases alone do not list a non-member).
  const worked = tallies.filter((t) => t.judgments > 0 || t.skips > 0);
  const ids = new Set([...members.map((m) => m.userId), ...worked.map((t) => t.userId)]);
  const users = await db.user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true, email: true } });
  const memberIds = new Set(members.map((m) => m.userId));
  const tallyOf = new Map(tallies.map((t) => [t.userId, t]));

  const annotators = users.map((user): AnnotatorActivity => {
    const t = tallyOf.get(user.id);
    const median = durations.get(user.id);
    return {
      userId: user.id,
      name: user.name,
      email: user.email,
      member: memberIds.has(user.id),
      judgments: t?.judgments ?? 0,
      medianSeconds: median === null || median === undefined ? null : median / 1000,
      skips: t?.skips ?? 0,
      lastActiveAt: latest([t?.lastEditAt, t?.lastSkipAt, t?.lastLeaseAt]),
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
