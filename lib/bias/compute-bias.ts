import { CHOICE_B, CHOICE_TIE, type JudgmentTable } from "../agreement/types";
import { sideTallies } from "./position";
import { fitLogistic, sigmoid, wilson, Z95 } from "./stats";
import { STYLE_FEATURES, type StyleFeature } from "./style-features";

/** Units of each feature's difference in the logistic fit: 100 words, or one header / list item / bold span / code block. */
export const FEATURE_UNIT: Record<StyleFeature, number> = { words: 100, headers: 1, list_items: 1, bold: 1, code_blocks: 1 };
const FEATURE_NOUN: Record<StyleFeature, [string, string]> = {
  words: ["100 words", "100 words"],
  headers: ["header", "headers"],
  list_items: ["list item", "list items"],
  bold: ["bold span", "bold spans"],
  code_blocks: ["code block", "code blocks"],
};
/** Fewer decisive judgments than this get no fit (null), only the counts. */
export const MIN_FIT_JUDGMENTS = 10;

export type PositionBias = {
  /** Non-tie judgments whose display side is known. */
  counted: number;
  left_wins: number;
  share: number | null;
  ci_low: number | null;
  ci_high: number | null;
  /** The Wilson interval excludes 0.5. */
  distinguishable: boolean | null;
  sentence: string;
};

export type FeatureBias = {
  feature: StyleFeature;
  /** The difference (B − A) is counted in these units in `coef`. */
  unit: number;
  /** Non-tie judgments whose two responses differ in this feature. */
  counted: number;
  /** …of which the response with more of it won. */
  more_wins: number;
  share: number | null;
  ci_low: number | null;
  ci_high: number | null;
  /** Logistic regression of "B chosen" on (B − A)/unit over the non-tie judgments, with an intercept; null when too few. */
  fit: {
    n: number;
    intercept: number;
    coef: number;
    coef_low: number;
    coef_high: number;
    /** P(B chosen) at equal amounts, and with one more unit on B's side. */
    p_equal: number;
    p_plus_one: number;
  } | null;
  distinguishable: boolean | null;
  sentence: string;
};

export type BiasFigures = {
  /** Deduplicated judgments (latest per item and annotator), ties included. */
  judgments: number;
  /** Of which not ties. */
  decisive: number;
  position: PositionBias;
  features: Record<StyleFeature, FeatureBias>;
};

export type BiasBin = { x: number; n: number; b_rate: number };

export type BiasReport = BiasFigures & {
  per_annotator: (BiasFigures & { annotator: string })[];
  /** Project-level plot data per feature: P(B chosen) by bin of the difference (B − A)/unit. */
  bins: Record<StyleFeature, BiasBin[]>;
};

const pct = (v: number) => `${Math.round(v * 100)}%`;
const num = (v: number) => v.toLocaleString("en-US");

function positionFigures(left: number, counted: number): PositionBias {
  const ci = wilson(left, counted);
  if (!ci) return { counted, left_wins: left, share: null, ci_low: null, ci_high: null, distinguishable: null, sentence: "No non-tie judgments with a known display side yet." };
  const distinguishable = ci.low > 0.5 || ci.high < 0.5;
  const sentence =
    `The response shown on the left won ${pct(left / counted)} of ${num(counted)} non-tie judgments (95% interval ${pct(ci.low)}–${pct(ci.high)}): ` +
    (distinguishable ? "a position bias distinguishable from none." : "not distinguishable from no position bias.");
  return { counted, left_wins: left, share: left / counted, ci_low: ci.low, ci_high: ci.high, distinguishable, sentence };
}

/** One feature's figures over the non-tie judgments listed in `rows` (x: difference in units, y: B chosen). */
export function featureFigures(feature: StyleFeature, x: Float64Array, y: Uint8Array, rows: Int32Array | null): FeatureBias {
  const n = rows ? rows.length : x.length;
  const at = (t: number) => (rows ? rows[t]! : t);
  let counted = 0;
  let more = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let t = 0; t < n; t++) {
    const k = at(t);
    const d = x[k]!;
    if (d < lo) lo = d;
    if (d > hi) hi = d;
    if (d === 0) continue;
    counted++;
    if (d > 0 === (y[k] === 1)) more++;
  }
  const ci = wilson(more, counted);
  let fit: FeatureBias["fit"] = null;
  if (n >= MIN_FIT_JUDGMENTS && hi > lo) {
    const result = fitLogistic({
      n,
      d: 2,
      maxNonZero: 2,
      row(t, idx, val) {
        idx[0] = 0;
        val[0] = 1;
        idx[1] = 1;
        val[1] = x[at(t)]!;
        return 2;
      },
      y: rows ? Float64Array.from(rows, (k) => y[k]!) : y,
    });
    if (result && Number.isFinite(result.se[1]!)) {
      const [b0, b1] = [result.beta[0]!, result.beta[1]!];
      const half = Z95 * result.se[1]!;
      fit = { n, intercept: b0, coef: b1, coef_low: b1 - half, coef_high: b1 + half, p_equal: sigmoid(b0), p_plus_one: sigmoid(b0 + b1) };
    }
  }
  const distinguishable = fit ? fit.coef_low > 0 || fit.coef_high < 0 : null;
  const [one, many] = FEATURE_NOUN[feature];
  const subject = feature === "words" ? "The longer response (in words)" : `The response with more ${many}`;
  const more_share = ci ? `${subject} won ${pct(more / counted)} of ${num(counted)} non-tie judgments where the two differ (95% interval ${pct(ci.low)}–${pct(ci.high)}). ` : `No non-tie judgment whose responses differ in ${many}. `;
  let sentence = more_share;
  if (fit) {
    const verb = fit.p_plus_one >= fit.p_equal ? "raises" : "lowers";
    sentence +=
      `Each extra ${one} ${verb} the chance of winning from ${pct(fit.p_equal)} to ${pct(fit.p_plus_one)} ` +
      `(log-odds ${fit.coef.toFixed(2)} per ${one}, 95% interval ${fit.coef_low.toFixed(2)} to ${fit.coef_high.toFixed(2)}): ` +
      (distinguishable ? "an effect distinguishable from none." : "not distinguishable from no effect.");
  } else sentence += `Too few judgments${hi > lo || n < MIN_FIT_JUDGMENTS ? "" : " with differing amounts"} for a fit.`;
  return { feature, unit: FEATURE_UNIT[feature], counted, more_wins: more, share: ci ? more / counted : null, ci_low: ci?.low ?? null, ci_high: ci?.high ?? null, fit, distinguishable, sentence };
}

/** P(B chosen) by bin of x: each distinct value its own bin when there are few (clipped to ±5 units), else up to 8 bins of equal count. */
export function biasBins(x: Float64Array, y: Uint8Array): BiasBin[] {
  const n = x.length;
  if (n === 0) return [];
  const clip = (v: number) => Math.max(-5, Math.min(5, v));
  const distinct = new Set<number>();
  for (let k = 0; k < n && distinct.size <= 11; k++) distinct.add(clip(x[k]!));
  if (distinct.size <= 11) {
    const sums = new Map<number, { n: number; b: number }>();
    for (let k = 0; k < n; k++) {
      const v = clip(x[k]!);
      const s = sums.get(v) ?? { n: 0, b: 0 };
      s.n++;
      s.b += y[k]!;
      sums.set(v, s);
    }
    return [...sums.entries()].sort((p, q) => p[0] - q[0]).map(([v, s]) => ({ x: v, n: s.n, b_rate: s.b / s.n }));
  }
  const order = Int32Array.from({ length: n }, (_, k) => k).sort((p, q) => x[p]! - x[q]!);
  const count = Math.min(8, Math.max(1, Math.floor(n / 20)));
  const bins: BiasBin[] = [];
  for (let b = 0; b < count; b++) {
    const from = Math.floor((b * n) / count);
    const to = Math.floor(((b + 1) * n) / count);
    let sx = 0;
    let sy = 0;
    for (let q = from; q < to; q++) {
      sx += x[order[q]!]!;
      sy += y[order[q]!]!;
    }
    if (to > from) bins.push({ x: sx / (to - from), n: to - from, b_rate: sy / (to - from) });
  }
  return bins;
}

/**
 * Bias diagnostics over a deduplicated judgment table. `features` holds, per
 * item of the table (table.itemIds order), the style features of A then B in
 * STYLE_FEATURES order (10 numbers; NaN when the item's texts were not read,
 * which leaves its judgments out of the feature figures).
 */
export function computeBias(table: JudgmentTable, features: Float64Array): BiasReport {
  const F = STYLE_FEATURES.length;
  const { itemStart, annotator, choice } = table;
  const m = table.annotatorIds.length;
  // Non-tie judgments with known features, in table order.
  const keep: number[] = [];
  const itemOf: number[] = [];
  const judgmentsOf = new Int32Array(m);
  const decisiveOf = new Int32Array(m);
  for (let i = 0; i + 1 < itemStart.length; i++) {
    for (let k = itemStart[i]!; k < itemStart[i + 1]!; k++) {
      judgmentsOf[annotator[k]!]!++;
      if (choice[k] === CHOICE_TIE) continue;
      decisiveOf[annotator[k]!]!++;
      if (Number.isNaN(features[i * 2 * F]!)) continue;
      keep.push(k);
      itemOf.push(i);
    }
  }
  const n = keep.length;
  const y = new Uint8Array(n);
  const xs = STYLE_FEATURES.map(() => new Float64Array(n));
  const rowsOf: number[][] = Array.from({ length: m }, () => []);
  for (let t = 0; t < n; t++) {
    const k = keep[t]!;
    const i = itemOf[t]!;
    y[t] = choice[k] === CHOICE_B ? 1 : 0;
    STYLE_FEATURES.forEach((f, q) => {
      xs[q]![t] = (features[i * 2 * F + F + q]! - features[i * 2 * F + q]!) / FEATURE_UNIT[f];
    });
    rowsOf[annotator[k]!]!.push(t);
  }
  const { leftChosen, sideCounted } = sideTallies(table);
  const figures = (rows: Int32Array | null, left: number, counted: number, judgments: number, decisive: number): BiasFigures => ({
    judgments,
    decisive,
    position: positionFigures(left, counted),
    features: Object.fromEntries(STYLE_FEATURES.map((f, q) => [f, featureFigures(f, xs[q]!, y, rows)])) as Record<StyleFeature, FeatureBias>,
  });
  const sum = (a: Int32Array) => a.reduce((s, v) => s + v, 0);
  const project = figures(null, sum(leftChosen), sum(sideCounted), sum(judgmentsOf), sum(decisiveOf));
  const per_annotator = table.annotatorIds
    .map((id, a) => ({ annotator: id, ...figures(Int32Array.from(rowsOf[a]!), leftChosen[a]!, sideCounted[a]!, judgmentsOf[a]!, decisiveOf[a]!) }))
    .sort((p, q) => (p.annotator < q.annotator ? -1 : p.annotator > q.annotator ? 1 : 0));
  const bins = Object.fromEntries(STYLE_FEATURES.map((f, q) => [f, biasBins(xs[q]!, y)])) as Record<StyleFeature, BiasBin[]>;
  return { ...project, per_annotator, bins };
}
