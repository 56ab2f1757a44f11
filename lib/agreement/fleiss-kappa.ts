import type { PatternHistogram } from "./patterns";
import type { JudgmentTable } from "./types";

/**
 * Fleiss' κ (Fleiss 1971) from a subjects × categories count table. Defined
 * only when every subject has the same number n ≥ 2 of ratings; null otherwise,
 * and null when chance agreement is 1 (a single category used throughout).
 */
export function fleissKappa(counts: ReadonlyArray<ReadonlyArray<number>>): number | null {
  const acc = createFleissAccumulator(counts[0]?.length ?? 0);
  for (const row of counts) {
    if (!acc.add(row)) return null;
  }
  return acc.result();
}

type FleissAccumulator = {
  /** false when the subject's rating count differs from the others'. */
  add(row: ArrayLike<number>, weight?: number): boolean;
  result(): number | null;
};

function createFleissAccumulator(categories: number): FleissAccumulator {
  const totals = new Float64Array(categories);
  let raters = -1;
  let subjects = 0;
  let sumP = 0;
  return {
    add(row, weight = 1) {
      let n = 0;
      let same = 0;
      for (let c = 0; c < categories; c++) {
        const x = row[c]!;
        n += x;
        same += x * (x - 1);
        totals[c]! += weight * x;
      }
      if (raters === -1) raters = n;
      if (n !== raters || n < 2) return false;
      sumP += (weight * same) / (n * (n - 1));
      subjects += weight;
      return true;
    },
    result() {
      if (subjects === 0) return null;
      const meanP = sumP / subjects;
      let expected = 0;
      for (let c = 0; c < categories; c++) {
        const p = totals[c]! / (subjects * raters);
        expected += p * p;
      }
      return expected >= 1 ? null : (meanP - expected) / (1 - expected);
    },
  };
}

/** Fleiss' κ on choices (A, tie, B) over the items with n ≥ 2 judgments. */
export function fleissKappaOfTable(table: JudgmentTable): number | null {
  const { itemStart, choice } = table;
  const acc = createFleissAccumulator(3);
  const row = new Float64Array(3); // reused: no allocation per item
  for (let i = 0; i + 1 < itemStart.length; i++) {
    const from = itemStart[i]!;
    const to = itemStart[i + 1]!;
    if (to - from < 2) continue;
    row.fill(0);
    for (let k = from; k < to; k++) row[choice[k]!]!++;
    if (!acc.add(row)) return null;
  }
  return acc.result();
}

/** fleissKappaOfTable from a histogram of item patterns: each pattern counts as `items` identical subjects. */
export function fleissKappaOfPatterns(patterns: PatternHistogram): number | null {
  const acc = createFleissAccumulator(3);
  for (const { choices, judgments, items } of patterns.patterns) {
    if (judgments < 2) continue;
    if (!acc.add(choices, items)) return null;
  }
  return acc.result();
}
