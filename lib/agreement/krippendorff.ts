import type { PatternHistogram } from "./patterns";
import type { JudgmentTable } from "./types";

export type AlphaLevel = "nominal" | "ordinal" | "interval";

/**
 * Adds one unit's pairable values to the coincidence matrix `o` (k×k,
 * row-major): each ordered pair of values from different coders counts
 * 1/(m−1) (Krippendorff 2011, §C). Works from the unit's value histogram, so
 * a unit with many coders costs O(m + distinct²), not O(m²).
 * `scratch` (length k, all zero) and `seen` (length k) are caller-owned.
 */
function addUnit(o: Float64Array, k: number, values: ArrayLike<number>, from: number, to: number, scratch: Float64Array, seen: Int32Array, weight = 1): void {
  const m = to - from;
  if (m < 2) return;
  let distinct = 0;
  for (let x = from; x < to; x++) {
    const v = values[x]!;
    if (scratch[v] === 0) seen[distinct++] = v;
    scratch[v]!++;
  }
  for (let p = 0; p < distinct; p++) {
    const c = seen[p]!;
    const nc = scratch[c]!;
    for (let q = 0; q < distinct; q++) {
      const d = seen[q]!;
      o[c * k + d]! += (weight * (nc * (c === d ? nc - 1 : scratch[d]!))) / (m - 1);
    }
  }
  for (let p = 0; p < distinct; p++) scratch[seen[p]!] = 0;
}

/**
 * α = 1 − D_o / D_e from a coincidence matrix, where `values[c]` is the
 * numeric value of index c (used by the interval metric). The ordinal metric
 * uses the marginal frequencies n_g, which are 0 for unobserved values, so it
 * depends only on the values actually observed. null when fewer than two
 * pairable values exist or expected disagreement is zero.
 */
export function alphaFromCoincidences(o: ArrayLike<number>, values: ArrayLike<number>, level: AlphaLevel): number | null {
  const k = values.length;
  const marginal = new Float64Array(k);
  let n = 0;
  for (let c = 0; c < k; c++) {
    for (let d = 0; d < k; d++) marginal[c]! += o[c * k + d]!;
    n += marginal[c]!;
  }
  if (n <= 1) return null;
  const cumulative = new Float64Array(k + 1);
  for (let c = 0; c < k; c++) cumulative[c + 1] = cumulative[c]! + marginal[c]!;
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < k; c++) {
    for (let d = 0; d < k; d++) {
      if (c === d) continue;
      let delta2 = 1;
      if (level === "interval") delta2 = (values[c]! - values[d]!) ** 2;
      else if (level === "ordinal") {
        const lo = Math.min(c, d);
        const hi = Math.max(c, d);
        delta2 = (cumulative[hi + 1]! - cumulative[lo]! - (marginal[lo]! + marginal[hi]!) / 2) ** 2;
      }
      observed += o[c * k + d]! * delta2;
      expected += marginal[c]! * marginal[d]! * delta2;
    }
  }
  if (expected === 0) return null;
  return 1 - ((n - 1) * observed) / expected;
}

/**
 * α for a reliability data matrix given unit by unit: `units[u]` holds the
 * values the coders gave unit u (null/undefined for a missing value).
 */
export function krippendorffAlpha(units: ReadonlyArray<ReadonlyArray<number | null | undefined>>, level: AlphaLevel): number | null {
  const distinct = [...new Set(units.flat().filter((v): v is number => typeof v === "number" && Number.isFinite(v)))].sort((x, y) => x - y);
  const index = new Map(distinct.map((v, i) => [v, i]));
  const k = distinct.length;
  const o = new Float64Array(k * k);
  const scratch = new Float64Array(k);
  const seen = new Int32Array(k);
  for (const unit of units) {
    const codes = unit.flatMap((v) => (typeof v === "number" && index.has(v) ? [index.get(v)!] : []));
    addUnit(o, k, codes, 0, codes.length, scratch, seen);
  }
  return alphaFromCoincidences(o, distinct, level);
}

export type TableAlphas = { nominal: number | null; ordinal: number | null; interval: number | null };

/**
 * The three α of docs/formats.md ("Agreement metrics") over a judgment table: ordinal and interval on
 * preference values, nominal on choices. Choice is a function of the value and
 * coincidences add up, so the 3×3 choice matrix is the value matrix collapsed.
 */
export function krippendorffAlphas(table: JudgmentTable): TableAlphas {
  const s = table.maxAbsPreference;
  const k = 2 * s + 1;
  const codes = new Int32Array(table.preference.length);
  for (let x = 0; x < codes.length; x++) codes[x] = table.preference[x]! + s;
  const o = new Float64Array(k * k);
  const scratch = new Float64Array(k);
  const seen = new Int32Array(k);
  const { itemStart } = table;
  for (let i = 0; i + 1 < itemStart.length; i++) addUnit(o, k, codes, itemStart[i]!, itemStart[i + 1]!, scratch, seen);
  return alphasOfCoincidences(o, s);
}

/**
 * The same three α from a histogram of item patterns (lib/agreement/patterns.ts):
 * a unit's coincidences depend only on its multiset of values, so `items`
 * units of one pattern add `items` times that pattern's coincidences.
 */
export function krippendorffAlphasOfPatterns(patterns: PatternHistogram): TableAlphas {
  const s = patterns.maxAbsPreference;
  const k = 2 * s + 1;
  const o = new Float64Array(k * k);
  const scratch = new Float64Array(k);
  const seen = new Int32Array(k);
  for (const { values, items } of patterns.patterns) {
    const codes = values.map((v) => v + s);
    addUnit(o, k, codes, 0, codes.length, scratch, seen, items);
  }
  return alphasOfCoincidences(o, s);
}

function alphasOfCoincidences(o: Float64Array, s: number): TableAlphas {
  const k = 2 * s + 1;
  const values = Float64Array.from({ length: k }, (_, c) => c - s);
  const byChoice = new Float64Array(9);
  for (let c = 0; c < k; c++) {
    for (let d = 0; d < k; d++) byChoice[(Math.sign(c - s) + 1) * 3 + Math.sign(d - s) + 1]! += o[c * k + d]!;
  }
  return {
    nominal: alphaFromCoincidences(byChoice, [-1, 0, 1], "nominal"),
    ordinal: alphaFromCoincidences(o, values, "ordinal"),
    interval: alphaFromCoincidences(o, values, "interval"),
  };
}
