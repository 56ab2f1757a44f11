import "server-only";
import { db } from "@/lib/db";

/**
 * Judgments made in a project after `since`, counted up to `limit` and no
 * further: a stored view only needs to know whether enough changed, and a
 * LIMIT-bounded count on the Judgment(createdAt) index costs the same at
 * 3M judgments as at 3 (bench/plans/stored-view-new-judgments.txt).
 *
 * @internal caller has checked access
 */
export async function countNewJudgments(projectId: string, since: Date, limit: number): Promise<number> {
  const rows = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (
      SELECT 1 FROM "Judgment" j JOIN "Item" i ON i."id" = j."itemId"
       WHERE j."createdAt" > ${since} AND i."projectId" = ${projectId}
       LIMIT ${limit}
    ) AS recent`;
  return rows[0]?.n ?? 0;
}
