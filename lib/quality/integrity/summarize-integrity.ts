import "server-only";
import { db } from "@/lib/db";
import { findDuplicateRationales } from "./find-duplicate-rationales";
import { CONSTANT_KEY, CONSTANT_SIDE, DUPLICATE_RATIONALE, flagOrder, flagSentence } from "./rules";

/** One integrity flag's count for an annotator, with the sentence that explains it. */
export type IntegrityFlagCount = { code: string; count: number; sentence: string };

/** An annotator's judgments, how many carry at least one flag, and the count per flag. */
export type IntegritySummary = { judgments: number; flagged: number; flags: IntegrityFlagCount[] };

/** One judgment as the summary reads it. */
export type IntegrityRow = {
  id: string;
  userId: string;
  preference: number;
  shownSwapped: boolean | null;
  /** Judgment.metadata.flags (per-judgment flags stored at submit). */
  flags: string[];
  /** Null when shorter than DUPLICATE_RATIONALE.minChars (it cannot be a duplicate). */
  rationale: string | null;
};

/** The larger of counts, and how many there are in all. */
function top(counts: Map<number, number>): { max: number; total: number } {
  let max = 0;
  let total = 0;
  for (const n of counts.values()) {
    max = Math.max(max, n);
    total += n;
  }
  return { max, total };
}

/**
 * The summary over rows already read (pure; summarizeIntegrity reads them).
 *
 * - per-judgment flags (stored at submit) count the judgments carrying them;
 * - duplicate_rationale counts the annotator's judgments whose rationale
 *   equals or nearly equals another judgment's (another item, or another
 *   annotator): see findDuplicateRationales;
 * - constant_side counts the judgments on the annotator's usual side of the
 *   screen and constant_key those with their usual answer, each present only
 *   when it passes the rule's share over at least its minimum of judgments.
 *   Judgments whose side order is unknown (imported without it) are left out.
 *
 * `flagged` counts judgments with at least one per-judgment flag or a
 * duplicate rationale; the two patterns over all answers (side, key) are
 * about the annotator, not any one judgment.
 */
export function summarizeIntegrityRows(rows: readonly IntegrityRow[]): Map<string, IntegritySummary> {
  const duplicates = findDuplicateRationales(rows.flatMap((row) => (row.rationale === null ? [] : [{ id: row.id, rationale: row.rationale }])));
  type Tally = { judgments: number; flagged: number; flags: Map<string, number>; sides: Map<number, number>; keys: Map<number, number> };
  const tallies = new Map<string, Tally>();
  for (const row of rows) {
    let tally = tallies.get(row.userId);
    if (!tally) tallies.set(row.userId, (tally = { judgments: 0, flagged: 0, flags: new Map(), sides: new Map(), keys: new Map() }));
    tally.judgments++;
    const duplicate = duplicates.has(row.id);
    if (row.flags.length || duplicate) {
      tally.flagged++;
      const codes = duplicate ? [...row.flags, "duplicate_rationale"] : row.flags;
      codes.forEach((code, i) => {
        if (codes.indexOf(code) === i) tally.flags.set(code, (tally.flags.get(code) ?? 0) + 1);
      });
    }
    if (row.shownSwapped !== null) {
      // What the screen showed: negative is the left response, as the keys run.
      const shown = row.shownSwapped ? -row.preference : row.preference;
      tally.keys.set(shown, (tally.keys.get(shown) ?? 0) + 1);
      if (shown !== 0) tally.sides.set(Math.sign(shown), (tally.sides.get(Math.sign(shown)) ?? 0) + 1);
    }
  }
  const summaries = new Map<string, IntegritySummary>();
  for (const [userId, tally] of tallies) {
    const side = top(tally.sides);
    if (side.total >= CONSTANT_SIDE.minJudgments && side.max >= CONSTANT_SIDE.share * side.total) tally.flags.set("constant_side", side.max);
    const key = top(tally.keys);
    if (key.total >= CONSTANT_KEY.minJudgments && key.max >= CONSTANT_KEY.share * key.total) tally.flags.set("constant_key", key.max);
    summaries.set(userId, {
      judgments: tally.judgments,
      flagged: tally.flagged,
      flags: [...tally.flags]
        .map(([code, count]) => ({ code, count, sentence: flagSentence(code) }))
        .sort((a, b) => flagOrder(a.code) - flagOrder(b.code) || a.code.localeCompare(b.code)),
    });
  }
  return summaries;
}

/**
 * Per annotator (user id) of the project's judgments: the integrity flags
 * (lib/quality/integrity/rules.ts), each with how many of their judgments it
 * concerns and the sentence a lead reads. Annotators without a judgment are
 * absent. One query; the rest is linear in the number of judgments.
 *
 * @internal caller has checked access
 */
export async function summarizeIntegrity(projectId: string): Promise<Map<string, IntegritySummary>> {
  const rows = await db.$queryRaw<IntegrityRow[]>`
    SELECT j."id", j."userId", j."preference", j."shownSwapped",
           CASE WHEN jsonb_typeof(j."metadata"->'flags') = 'array' THEN j."metadata"->'flags' ELSE '[]'::jsonb END AS "flags",
           CASE WHEN char_length(j."rationale") >= ${DUPLICATE_RATIONALE.minChars}::int THEN j."rationale" END AS "rationale"
    FROM "Judgment" j JOIN "Item" i ON i."id" = j."itemId"
    WHERE i."projectId" = ${projectId} AND j."preference" IS NOT NULL`;
  // (Side-order signals are about pairs: a ranking judgment has no sides, so it is left out above.)
  return summarizeIntegrityRows(rows);
}
