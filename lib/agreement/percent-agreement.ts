import type { PatternHistogram } from "./patterns";
import type { JudgmentTable } from "./types";

/**
 * Share of the n·(n−1) ordered pairs of one item's judgments whose choices are
 * equal, from the item's choice counts (A, tie, B). null when n < 2.
 */
export function itemPercentAgreement(countA: number, countTie: number, countB: number): number | null {
  const n = countA + countTie + countB;
  if (n < 2) return null;
  return (countA * (countA - 1) + countTie * (countTie - 1) + countB * (countB - 1)) / (n * (n - 1));
}

/** Mean of itemPercentAgreement over items with n ≥ 2 (docs/formats.md, "Agreement metrics"). */
export function percentAgreement(table: JudgmentTable): number | null {
  const { itemStart, choice } = table;
  let sum = 0;
  let items = 0;
  const counts = new Int32Array(3); // reused: no allocation per item
  for (let i = 0; i + 1 < itemStart.length; i++) {
    const from = itemStart[i]!;
    const to = itemStart[i + 1]!;
    if (to - from < 2) continue;
    counts.fill(0);
    for (let k = from; k < to; k++) counts[choice[k]!]!++;
    sum += itemPercentAgreement(counts[0]!, counts[1]!, counts[2]!)!;
    items++;
  }
  return items === 0 ? null : sum / items;
}

/** percentAgreement from a histogram of item patterns: the mean over items, each pattern weighted by its items. */
export function percentAgreementOfPatterns(patterns: PatternHistogram): number | null {
  let sum = 0;
  let items = 0;
  for (const { choices, judgments, items: w } of patterns.patterns) {
    if (judgments < 2) continue;
    sum += w * itemPercentAgreement(choices[0]!, choices[1]!, choices[2]!)!;
    items += w;
  }
  return items === 0 ? null : sum / items;
}
