import { db } from "@/lib/db";
import { weightedMedian } from "./weighted-median";

/**
 * Median time per judgment of each annotator of a project, in milliseconds,
 * over the judgments that recorded one: the weighted median of the kept
 * duration histogram (ProjectDurationTally). One row per annotator comes back,
 * their buckets and counts as two arrays (a window function over the same rows
 * costs the database several times more). The buckets are 100 ms below a
 * minute and 1 s above, finer than the page shows (0.1 s under 10 s, 1 s
 * after), so this is the median of the raw times to within half a bucket.
 *
 * @internal caller has checked access
 */
export async function readMedianDurations(projectId: string): Promise<Map<string, number>> {
  const rows = await db.$queryRaw<{ userId: string; buckets: number[]; counts: number[] }[]>`
    SELECT "userId", array_agg("bucketMs") AS buckets, array_agg("judgments") AS counts
    FROM "ProjectDurationTally" WHERE "projectId" = ${projectId} AND "judgments" > 0
    GROUP BY 1`;
  const result = new Map<string, number>();
  for (const row of rows) {
    const median = weightedMedian(row.buckets.map((value, i) => ({ value, count: row.counts[i] ?? 0 })));
    if (median !== null) result.set(row.userId, median);
  }
  return result;
}
