/**
 * What an annotator is told about their own progress, in the same words on
 * the annotation screen, its done screen and "My projects" (issue 11): "N left
 * for you" while something is, then "done" — "done — 1 skipped" when they
 * skipped some, so a skipped item never looks like unfinished work. Pure, so
 * client and server share it and it is tested without a database.
 */

/** What getAnnotatorProgress counts, capped at `limit` (shown as "1,000+"). */
export type ProgressStart = { available: number; skipped: number; limit: number };

export function leftText(left: number, capped = false): string {
  return `${capped ? `${left.toLocaleString("en")}+` : left.toLocaleString("en")} left for you`;
}

export function doneText(skipped: number): string {
  return skipped > 0 ? `done — ${skipped} skipped` : "done";
}

/** "3 left for you", or "done — 1 skipped" once nothing is left. */
export function progressText(options: { left: number; skipped: number; capped?: boolean }): string {
  return options.left > 0 ? leftText(options.left, options.capped) : doneText(options.skipped);
}

/**
 * How many pairs are left for the annotator on the screen, without asking
 * the server again after each judgment: what was available when the page
 * loaded, less what they have judged or skipped since. Other annotators can
 * fill items meanwhile, so once the server has nothing more to hand out
 * (`exhausted`) only the pairs the screen holds are left. `held` counts the
 * pair on screen (unless it is an earlier judgment being changed) and the
 * prefetched ones.
 */
export function pairsLeft(options: {
  start: ProgressStart;
  judged: number;
  skipped: number;
  exhausted: boolean;
  held: number;
}): { left: number; capped: boolean } {
  const { start, judged, skipped, exhausted, held } = options;
  if (exhausted) return { left: held, capped: false };
  const capped = start.available >= start.limit;
  return { left: Math.max(held, start.available - judged - skipped), capped };
}

/**
 * What the annotator is told they judge: "pair(s)" in a project of pairs,
 * "item(s)" once it has ranking items (a ranking item is not a pair).
 */
export function judgedNoun(hasRankingItems: boolean, count = 2): string {
  const word = hasRankingItems ? "item" : "pair";
  return count === 1 ? word : `${word}s`;
}
