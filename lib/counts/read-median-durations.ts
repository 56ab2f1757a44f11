import { db } from "@/lib/db";

/**
 * Median time per judgment of each annotator of a project, in milliseconds,
 * over the judgments that recorded one: the weighted median of the kept
 * duration histogram (ProjectDurationTally), computed in the database so only
 * one row per annotator comes back. As percentile_cont(0.5), it interpolates
 * between the two middle values when their number is even. The buckets are
 * 100 ms below a minute and 1 s above, finer than the page shows (0.1 s under
 * 10 s, 1 s after), so this is the median of the raw times to within half a bucket.
 *
 * @internal caller has checked access
 */
export async function readMedianDurations(projectId: string): Promise<Map<string, number>> {
  const rows = await db.$queryRaw<{ userId: string; median: number }[]>`
    WITH h AS (
      SELECT "userId", "bucketMs" AS v,
             sum("judgments") OVER (PARTITION BY "userId" ORDER BY "bucketMs") AS cum,
             sum("judgments") OVER (PARTITION BY "userId") AS total
      FROM "ProjectDurationTally" WHERE "projectId" = ${projectId} AND "judgments" > 0
    )
    -- The value at 0-based position p is the first bucket whose running count passes p.
    SELECT "userId",
           ((min(v) FILTER (WHERE cum > floor((total - 1) / 2)) + min(v) FILTER (WHERE cum > ceil((total - 1) / 2.0))) / 2.0)::float8 AS median
    FROM h GROUP BY "userId"`;
  return new Map(rows.map((r) => [r.userId, Number(r.median)]));
}
