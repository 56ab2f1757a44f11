import { MAX_ABS_PREFERENCE } from "./collect-judgments";
import type { JudgmentTable } from "./types";

/** One label pattern: the sorted preferences an item holds, and how many items hold exactly that. */
export type ItemPattern = {
  values: number[];
  /** Choice counts (A, tie, B) of `values`. */
  choices: [number, number, number];
  judgments: number;
  items: number;
};

/**
 * Items grouped by their multiset of preferences. Percent agreement, Fleiss'
 * κ, the three Krippendorff α, the preference distribution and the
 * judgments-per-item counts depend on an item only through this multiset, so
 * this histogram (a few hundred rows at any size) is all they need.
 */
export type PatternHistogram = { patterns: ItemPattern[]; maxAbsPreference: number };

/**
 * Builds the histogram from (pattern, items) rows, merging equal patterns.
 * Values the collector would skip (non-integer, beyond MAX_ABS_PREFERENCE)
 * are dropped here too, so both paths count the same judgments.
 */
export function patternHistogram(rows: Iterable<{ values: readonly number[]; items: number }>): PatternHistogram {
  const byKey = new Map<string, ItemPattern>();
  let maxAbs = 0;
  for (const row of rows) {
    if (!(row.items > 0)) continue;
    const values = row.values.filter((v) => Number.isInteger(v) && Math.abs(v) <= MAX_ABS_PREFERENCE).sort((a, b) => a - b);
    if (values.length === 0) continue;
    const key = values.join(",");
    const known = byKey.get(key);
    if (known) {
      known.items += row.items;
      continue;
    }
    const choices: [number, number, number] = [0, 0, 0];
    for (const v of values) {
      choices[v < 0 ? 0 : v > 0 ? 2 : 1]++;
      maxAbs = Math.max(maxAbs, Math.abs(v));
    }
    byKey.set(key, { values, choices, judgments: values.length, items: row.items });
  }
  const patterns = [...byKey.values()].sort((a, b) => (a.values.join(",") < b.values.join(",") ? -1 : 1));
  return { patterns, maxAbsPreference: maxAbs };
}

/** The pattern histogram of a judgment table (tests compare the kept histogram with it). */
export function patternsOfTable(table: JudgmentTable): PatternHistogram {
  const rows: { values: number[]; items: number }[] = [];
  for (let i = 0; i + 1 < table.itemStart.length; i++) {
    rows.push({ values: Array.from(table.preference.subarray(table.itemStart[i]!, table.itemStart[i + 1]!)), items: 1 });
  }
  return patternHistogram(rows);
}
