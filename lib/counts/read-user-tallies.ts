import { db } from "@/lib/db";

export type UserTally = {
  userId: string;
  judgments: number;
  ties: number;
  skips: number;
  lastJudgmentAt: Date | null;
  lastEditAt: Date | null;
  lastSkipAt: Date | null;
  lastLeaseAt: Date | null;
};

/**
 * Per-annotator counts of a project (ProjectUserTally, one row per person who
 * judged, skipped or held a pair there), optionally for some users only.
 *
 * @internal caller has checked access
 */
export async function readUserTallies(projectId: string, userIds?: string[]): Promise<UserTally[]> {
  return db.projectUserTally.findMany({
    where: { projectId, ...(userIds ? { userId: { in: userIds } } : {}) },
    select: { userId: true, judgments: true, ties: true, skips: true, lastJudgmentAt: true, lastEditAt: true, lastSkipAt: true, lastLeaseAt: true },
  });
}

/**
 * Open, unexpired leases in a project: read on Assignment(open, expiresAt), which holds only the pairs out right now.
 *
 * @internal caller has checked access
 */
export async function countActiveLeases(projectId: string, now: Date): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "Assignment" a JOIN "Item" i ON i."id" = a."itemId"
    WHERE a."open" AND a."expiresAt" > ${now} AND i."projectId" = ${projectId}`;
  return Number(row?.n ?? 0);
}
