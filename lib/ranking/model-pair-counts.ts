import { db } from "@/lib/db";

/** Judgments of one (item model A, item model B, outcome) cell; '' is a missing model name. */
export type ModelPairCell = {
  modelA: string;
  modelB: string;
  /** sign(preference): −1 the item's model A won, 0 tie, +1 model B won. */
  outcome: -1 | 0 | 1;
  n: number;
};

/**
 * Judgments per (model A, model B, outcome) of a project's non-gold items,
 * from the ModelPairStat table the Judgment trigger keeps (summed over its
 * shards), ordered by model A, model B, outcome. A few rows whatever the
 * number of judgments: the leaderboard and leaderboard sampling read this,
 * never the judgments.
 *
 * @internal caller has checked access
 */
export async function readModelPairCounts(projectId: string): Promise<ModelPairCell[]> {
  const rows = await db.$queryRawUnsafe<{ modelA: string; modelB: string; outcome: number; n: number }[]>(
    `SELECT "modelA", "modelB", "outcome"::int AS "outcome", sum("n")::float8 AS "n"
       FROM "ModelPairStat" WHERE "projectId" = $1
      GROUP BY 1, 2, 3 HAVING sum("n") <> 0
      ORDER BY 1, 2, 3`,
    projectId,
  );
  return rows.map((r) => ({ modelA: r.modelA, modelB: r.modelB, outcome: Math.sign(Number(r.outcome)) as -1 | 0 | 1, n: Number(r.n) }));
}
