import { itemPercentAgreement } from "./percent-agreement";
import type { DisputedItem, JudgmentTable } from "./types";

type Candidate = { item: number; agreement: number; variance: number };

/**
 * Items with n ≥ 2 ordered by most disagreement first: lowest percent
 * agreement, then highest preference variance (strength disagreement among
 * same-side choices), then item id so the order is stable. Items whose
 * preferences are all identical have nothing to dispute and are left out.
 * Keeps only the top `limit` while scanning, so the cost stays O(items).
 */
export function disputedItems(table: JudgmentTable, limit: number): DisputedItem[] {
  const cap = Math.max(0, Math.floor(limit));
  if (cap === 0) return [];
  const { itemStart, choice, preference, itemIds } = table;
  const top: Candidate[] = [];
  const counts = new Int32Array(3);

  const before = (x: Candidate, y: Candidate): boolean =>
    x.agreement !== y.agreement
      ? x.agreement < y.agreement
      : x.variance !== y.variance
        ? x.variance > y.variance
        : itemIds[x.item]! < itemIds[y.item]!;

  for (let i = 0; i + 1 < itemStart.length; i++) {
    const from = itemStart[i]!;
    const to = itemStart[i + 1]!;
    const n = to - from;
    if (n < 2) continue;
    counts.fill(0);
    let sum = 0;
    let sumSq = 0;
    for (let k = from; k < to; k++) {
      const p = preference[k]!;
      counts[choice[k]!]!++;
      sum += p;
      sumSq += p * p;
    }
    const mean = sum / n;
    const variance = Math.max(0, sumSq / n - mean * mean);
    const agreement = itemPercentAgreement(counts[0]!, counts[1]!, counts[2]!)!;
    if (agreement === 1 && variance === 0) continue;
    const candidate = { item: i, agreement, variance };
    const worst = top[top.length - 1];
    if (top.length === cap && worst && !before(candidate, worst)) continue;
    let at = top.length;
    while (at > 0 && before(candidate, top[at - 1]!)) at--;
    top.splice(at, 0, candidate);
    if (top.length > cap) top.pop();
  }

  return top.map(({ item, agreement }) => {
    const from = itemStart[item]!;
    const to = itemStart[item + 1]!;
    return {
      item_id: itemIds[item]!,
      n: to - from,
      percent_agreement: agreement,
      preferences: Array.from(preference.subarray(from, to)).sort((x, y) => x - y),
    };
  });
}
