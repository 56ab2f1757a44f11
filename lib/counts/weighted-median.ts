/** A value and how many times it occurs. */
export type WeightedValue = { value: number; count: number };

/**
 * The median of a multiset given as (value, count) pairs, in any order,
 * interpolated between the two middle values when the total is even:
 * PostgreSQL's percentile_cont(0.5) over the expanded values. Null when empty.
 */
export function weightedMedian(values: readonly WeightedValue[]): number | null {
  const sorted = values.filter((v) => v.count > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((sum, v) => sum + v.count, 0);
  if (total === 0) return null;
  // 0-based positions of the middle value(s).
  const lo = Math.floor((total - 1) / 2);
  const hi = Math.ceil((total - 1) / 2);
  let seen = 0;
  let low: number | null = null;
  for (const v of sorted) {
    const last = seen + v.count - 1;
    if (low === null && lo <= last) low = v.value;
    if (hi <= last) return (low! + v.value) / 2;
    seen += v.count;
  }
  return low;
}
