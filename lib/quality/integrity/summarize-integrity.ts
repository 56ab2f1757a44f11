import "server-only";
import { db } from "@/lib/db";

/** One integrity flag's count for an annotator, with the sentence that explains it. */
export type IntegrityFlagCount = { code: string; count: number; sentence: string };

/** An annotator's judgments, how many carry at least one flag, and the count per flag. */
export type IntegritySummary = { judgments: number; flagged: number; flags: IntegrityFlagCount[] };

/**
 * Per annotator (user id): the integrity flags stored with their judgments in
 * `Judgment.metadata.flags` (an array of flag codes), counted.
 *
 * @internal caller has checked access
 */
export async function summarizeIntegrity(projectId: string): Promise<Map<string, IntegritySummary>> {
  const rows = await db.$queryRaw<{ userId: string; judgments: number; flagged: number; flags: Record<string, number> | null }[]>`
    WITH j AS (
      SELECT j."userId", j."id", CASE WHEN jsonb_typeof(j."metadata"->'flags') = 'array' THEN j."metadata"->'flags' ELSE '[]'::jsonb END AS "flags"
      FROM "Judgment" j JOIN "Item" i ON i."id" = j."itemId"
      WHERE i."projectId" = ${projectId}
    ), per_flag AS (
      SELECT j."userId", f.code, count(*)::int AS n FROM j, jsonb_array_elements_text(j."flags") AS f(code) GROUP BY 1, 2
    )
    SELECT u."userId", u."judgments", u."flagged", (SELECT jsonb_object_agg(p.code, p.n) FROM per_flag p WHERE p."userId" = u."userId") AS "flags"
    FROM (SELECT "userId", count(*)::int AS "judgments", count(*) FILTER (WHERE jsonb_array_length("flags") > 0)::int AS "flagged" FROM j GROUP BY 1) u`;
  return new Map(
    rows.map((row) => [
      row.userId,
      {
        judgments: row.judgments,
        flagged: row.flagged,
        flags: Object.entries(row.flags ?? {})
          .map(([code, count]) => ({ code, count, sentence: code }))
          .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
      },
    ]),
  );
}
