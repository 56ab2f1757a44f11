import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** Why an annotator gets no items: `error.details.reason` in the REST error body (docs/formats.md). */
export type QualityRefusal = {
  reason: "paused" | "not_qualified";
  /** not_qualified: the gold items answered in the last qualification round, how many were right, and how many were needed. */
  answered?: number;
  correct?: number;
  needed?: number;
};

/**
 * The 403 a paused or not-qualified annotator gets instead of a pair, with a
 * sentence that says why and what to do; null for any other status.
 *
 * @internal caller has checked access
 */
export async function qualityRefusal(options: {
  userId: string;
  projectId: string;
  membership: { qualityStatus: string; qualifyingSince: Date | null };
  project: { qualificationItems: number; qualificationPassMark: number };
}): Promise<AppError | null> {
  const { userId, projectId, membership, project } = options;
  if (membership.qualityStatus === "PAUSED") {
    const details: QualityRefusal = { reason: "paused" };
    return new AppError(
      "forbidden",
      "Your work on this project is paused: your recent check items were below the bar. Your lead can re-admit you.",
      details,
    );
  }
  if (membership.qualityStatus !== "NOT_QUALIFIED") return null;
  const since = membership.qualifyingSince ?? new Date(0);
  const [row] = await db.$queryRaw<{ answered: number; correct: number }[]>`
    SELECT count(*)::int AS "answered", count(*) FILTER (WHERE c."correct")::int AS "correct"
    FROM "CheckAnswer" c
    WHERE c."projectId" = ${projectId} AND c."userId" = ${userId} AND c."kind" = 'GOLD' AND c."answeredAt" >= ${since}`;
  const answered = row?.answered ?? 0;
  const correct = row?.correct ?? 0;
  const needed = Math.ceil(project.qualificationPassMark * Math.max(answered, project.qualificationItems) - 1e-9);
  const details: QualityRefusal = { reason: "not_qualified", answered, correct, needed };
  return new AppError(
    "forbidden",
    `You did not pass the qualification: ${correct} of ${answered} check items right, ${needed} needed. Your lead can let you try again.`,
    details,
  );
}
