import { CHOICE_TIE, SWAP_UNKNOWN, type JudgmentTable } from "../agreement/types";

/**
 * Position (side) tallies per annotator: of the non-tie judgments whose
 * display side is known, how many chose the response shown on the left. The
 * one computation behind `side_bias` (lib/agreement/per-annotator.ts) and the
 * position figures of the bias diagnostics.
 */
export function sideTallies(table: JudgmentTable): { leftChosen: Int32Array; sideCounted: Int32Array } {
  const m = table.annotatorIds.length;
  const leftChosen = new Int32Array(m);
  const sideCounted = new Int32Array(m);
  const { annotator, choice, swapped } = table;
  for (let k = 0; k < choice.length; k++) {
    const c = choice[k]!;
    if (c === CHOICE_TIE || swapped[k] === SWAP_UNKNOWN) continue;
    const a = annotator[k]!;
    sideCounted[a]!++;
    // Not swapped: A was on the left (choice 0); swapped: B was (choice 2).
    if (c === swapped[k]! * 2) leftChosen[a]!++;
  }
  return { leftChosen, sideCounted };
}
