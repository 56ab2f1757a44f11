import type { AnnotatorPair, JudgmentTable } from "./types";

/**
 * Cohen's κ of a k×k confusion table (row-major, rows = first rater) read
 * from `table` at `offset`. null when there are no items or when chance
 * agreement is 1 (both raters used one and the same label throughout).
 */
export function cohenKappa(table: ArrayLike<number>, k: number, offset = 0): number | null {
  let n = 0;
  let agree = 0;
  for (let r = 0; r < k; r++) {
    for (let c = 0; c < k; c++) n += table[offset + r * k + c]!;
    agree += table[offset + r * k + r]!;
  }
  if (n === 0) return null;
  let expected = 0;
  for (let r = 0; r < k; r++) {
    let row = 0;
    let col = 0;
    for (let c = 0; c < k; c++) {
      row += table[offset + r * k + c]!;
      col += table[offset + c * k + r]!;
    }
    expected += (row / n) * (col / n);
  }
  if (expected >= 1) return null;
  return (agree / n - expected) / (1 - expected);
}

/** Cohen's κ of two label sequences of equal length (labels 0..k−1). */
export function cohenKappaOfLabels(a: readonly number[], b: readonly number[], k: number): number | null {
  const table = new Float64Array(k * k);
  for (let i = 0; i < a.length && i < b.length; i++) table[a[i]! * k + b[i]!]!++;
  return cohenKappa(table, k);
}

/**
 * 3×3 choice tables for every annotator pair that shares an item, keyed by
 * integer pair so the hot loop never builds strings. Dense slots while the
 * annotator count is small; a Map past that keeps memory linear in pairs seen.
 */
export function annotatorPairs(table: JudgmentTable): AnnotatorPair[] {
  const { itemStart, annotator, choice, annotatorIds } = table;
  const m = annotatorIds.length;
  const dense = m <= 1024 ? new Int32Array(m * m).fill(-1) : null;
  const sparse = new Map<number, number>();
  const pairLo: number[] = [];
  const pairHi: number[] = [];
  let counts = new Float64Array(9 * 64);

  function slotOf(lo: number, hi: number): number {
    const key = lo * m + hi;
    let slot = dense ? dense[key]! : (sparse.get(key) ?? -1);
    if (slot >= 0) return slot;
    slot = pairLo.length;
    pairLo.push(lo);
    pairHi.push(hi);
    if (dense) dense[key] = slot;
    else sparse.set(key, slot);
    if ((slot + 1) * 9 > counts.length) {
      const next = new Float64Array(counts.length * 2);
      next.set(counts);
      counts = next;
    }
    return slot;
  }

  for (let i = 0; i + 1 < itemStart.length; i++) {
    const to = itemStart[i + 1]!;
    for (let x = itemStart[i]!; x < to; x++) {
      for (let y = x + 1; y < to; y++) {
        const ax = annotator[x]!;
        const ay = annotator[y]!;
        // Rows always belong to the lower index so each pair's table is oriented one way.
        // slotOf may grow `counts`, so it runs before `counts` is read.
        const cell = ax < ay ? slotOf(ax, ay) * 9 + choice[x]! * 3 + choice[y]! : slotOf(ay, ax) * 9 + choice[y]! * 3 + choice[x]!;
        counts[cell]!++;
      }
    }
  }

  const pairs: AnnotatorPair[] = [];
  for (let s = 0; s < pairLo.length; s++) {
    let n = 0;
    for (let c = 0; c < 9; c++) n += counts[s * 9 + c]!;
    // κ is symmetric in its two raters, so naming the pair alphabetically is free.
    const nameLo = annotatorIds[pairLo[s]!]!;
    const nameHi = annotatorIds[pairHi[s]!]!;
    const [a, b] = nameLo < nameHi ? [nameLo, nameHi] : [nameHi, nameLo];
    pairs.push({ a, b, n, cohen_kappa: cohenKappa(counts, 3, s * 9) });
  }
  return pairs.sort((p, q) => (p.a < q.a ? -1 : p.a > q.a ? 1 : p.b < q.b ? -1 : p.b > q.b ? 1 : 0));
}

/** Mean κ over pairs sharing at least minPairItems items; pairs whose κ is undefined are left out. */
export function meanCohenKappa(pairs: readonly AnnotatorPair[], minPairItems: number): number | null {
  let sum = 0;
  let count = 0;
  for (const pair of pairs) {
    if (pair.n < minPairItems || pair.cohen_kappa === null) continue;
    sum += pair.cohen_kappa;
    count++;
  }
  return count === 0 ? null : sum / count;
}
