import "server-only";
import { db } from "@/lib/db";

/** An annotator's answered gold items: scored on the first answer (CheckAnswer.firstPreference). */
export type GoldTally = { answered: number; correct: number };

/**
 * An annotator's answered swapped re-checks against the judgments they re-check,
 * both read in the item's own A/B terms (un-swapped): how many kept the same
 * direction (A, tie or B), and the mean absolute difference between the two
 * preferences in scale points.
 */
export type RecheckTally = { rechecks: number; sameDirection: number; meanAbsDifference: number | null };

/**
 * Gold answers per annotator (user id) in a project, all of them (qualification and ongoing).
 *
 * @internal caller has checked access
 */
export async function readGoldTallies(projectId: string): Promise<Map<string, GoldTally>> {
  const rows = await db.$queryRaw<{ userId: string; answered: number; correct: number }[]>`
    SELECT c."userId", count(*)::int AS "answered", count(*) FILTER (WHERE c."correct")::int AS "correct"
    FROM "CheckAnswer" c
    WHERE c."projectId" = ${projectId} AND c."kind" = 'GOLD' AND c."answeredAt" IS NOT NULL
    GROUP BY c."userId"`;
  return new Map(rows.map((row) => [row.userId, { answered: row.answered, correct: row.correct }]));
}

/**
 * Swapped re-check answers per annotator (user id) in a project, against the
 * current preference of the judgment each re-checks.
 *
 * @internal caller has checked access
 */
export async function readRecheckTallies(projectId: string): Promise<Map<string, RecheckTally>> {
  const rows = await db.$queryRaw<{ userId: string; rechecks: number; same: number; meanAbs: number | null }[]>`
    SELECT c."userId", count(*)::int AS "rechecks",
           count(*) FILTER (WHERE sign(c."firstPreference") = sign(j."preference"))::int AS "same",
           avg(abs(c."firstPreference" - j."preference"))::float8 AS "meanAbs"
    FROM "CheckAnswer" c JOIN "Judgment" j ON j."id" = c."judgmentId"
    WHERE c."projectId" = ${projectId} AND c."kind" = 'RECHECK' AND c."answeredAt" IS NOT NULL
    GROUP BY c."userId"`;
  return new Map(rows.map((row) => [row.userId, { rechecks: row.rechecks, sameDirection: row.same, meanAbsDifference: row.meanAbs }]));
}
