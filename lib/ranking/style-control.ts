import { fitLogistic } from "@/lib/bias/stats";
import type { StyleFeatures } from "@/lib/bias/style-features";
import { createSeededRng, DEFAULT_SEED, modelRecords, type ModelRating } from "./bradley-terry";

/** The style covariates, as Chatbot Arena's style control uses them: length (words), headers, list items, bold spans. */
export const STYLE_COVARIATES = ["words", "headers", "list_items", "bold"] as const;
export type StyleCovariate = (typeof STYLE_COVARIATES)[number];

/** One item: its two models, its responses' style features and the preferences of its judgments (each one comparison). */
export type StyledGame = { modelA: string; modelB: string; a: StyleFeatures; b: StyleFeatures; preferences: number[] };

export type StyleCoefficient = {
  feature: StyleCovariate;
  /** Log-odds of B winning per standard deviation of the normalised difference (B − A)/(B + A). */
  coef: number;
  ci_low: number | null;
  ci_high: number | null;
  /** The standard deviation the normalised difference was divided by (0: the feature never differs; coefficient fixed at 0). */
  sd: number;
};

export type StyleControlledResult = {
  models: ModelRating[];
  style: StyleCoefficient[];
  comparisons_total: number;
  bootstrap: number;
};

/** Penalty on model strengths (a Gaussian prior of variance 10 on the log scale): keeps an unbeaten model finite and fixes the scale's origin. */
const MODEL_RIDGE = 0.1;
const STYLE_RIDGE = 1e-6;

/** (b − a)/(b + a), 0 when both are 0: the difference relative to the pair's total, in −1..1. */
export const normalisedDifference = (a: number, b: number): number => (a + b > 0 ? (b - a) / (a + b) : 0);

function percentile(sorted: Float64Array, q: number): number {
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/**
 * Bradley–Terry with style covariates (docs/formats.md, "Style-controlled
 * leaderboard"): a logistic regression of "B won" (a tie is ½) on model
 * indicators (+1 for the item's model B, −1 for its model A) and the
 * standardised normalised differences of the style covariates, as in
 * Chatbot Arena's style control. Model coefficients are log-strengths, shown
 * on the same Elo-style scale as the plain fit (1000 + 400·log10, mean 1000).
 * Bootstrap: the judgments are resampled with replacement, seeded, and the
 * whole regression refitted each round (warm-started), giving 95% intervals
 * for both the scores and the style coefficients.
 */
export function fitStyleControlled(games: readonly StyledGame[], opts: { bootstrap?: number; seed?: number } = {}): StyleControlledResult {
  const index = new Map<string, number>();
  const names: string[] = [];
  const idOf = (name: string) => {
    let i = index.get(name);
    if (i === undefined) {
      i = names.push(name) - 1;
      index.set(name, i);
    }
    return i;
  };
  const kept = games.filter((g) => g.modelA && g.modelB && g.modelA !== g.modelB && g.preferences.length > 0);
  const rows = kept.length;
  const ma = new Int32Array(rows);
  const mb = new Int32Array(rows);
  const S = STYLE_COVARIATES.length;
  const style = new Float64Array(rows * S);
  const outcomeStart = new Int32Array(rows + 1);
  const outcomes: number[] = [];
  kept.forEach((g, r) => {
    ma[r] = idOf(g.modelA);
    mb[r] = idOf(g.modelB);
    STYLE_COVARIATES.forEach((f, q) => (style[r * S + q] = normalisedDifference(g.a[f], g.b[f])));
    for (const p of g.preferences) if (Number.isFinite(p)) outcomes.push(p > 0 ? 1 : p < 0 ? 0 : 0.5);
    outcomeStart[r + 1] = outcomes.length;
  });
  const m = names.length;
  const n = outcomes.length;
  // Standardise each covariate over the comparisons (each item weighted by its judgments).
  const sd = new Float64Array(S);
  for (let q = 0; q < S; q++) {
    let s1 = 0;
    let s2 = 0;
    for (let r = 0; r < rows; r++) {
      const w = outcomeStart[r + 1]! - outcomeStart[r]!;
      s1 += w * style[r * S + q]!;
      s2 += w * style[r * S + q]! ** 2;
    }
    const mean = n ? s1 / n : 0;
    sd[q] = n ? Math.sqrt(Math.max(0, s2 / n - mean * mean)) : 0;
    for (let r = 0; r < rows; r++) style[r * S + q] = sd[q]! > 1e-12 ? style[r * S + q]! / sd[q]! : 0;
  }
  const d = m + S;
  const ridge = new Float64Array(d).fill(MODEL_RIDGE).fill(STYLE_RIDGE, m);
  const y = new Float64Array(rows);
  const w = new Float64Array(rows);
  const fit = (start?: Float64Array) =>
    fitLogistic({
      n: rows,
      d,
      maxNonZero: 2 + S,
      y,
      w,
      ridge,
      start,
      row(r, idx, val) {
        idx[0] = mb[r]!;
        val[0] = 1;
        idx[1] = ma[r]!;
        val[1] = -1;
        let k = 2;
        for (let q = 0; q < S; q++) {
          if (sd[q]! <= 1e-12) continue;
          idx[k] = m + q;
          val[k++] = style[r * S + q]!;
        }
        return k;
      },
    });
  const setFull = () => {
    for (let r = 0; r < rows; r++) {
      let sum = 0;
      for (let t = outcomeStart[r]!; t < outcomeStart[r + 1]!; t++) sum += outcomes[t]!;
      w[r] = outcomeStart[r + 1]! - outcomeStart[r]!;
      y[r] = w[r]! ? sum / w[r]! : 0;
    }
  };
  setFull();
  const full = n > 0 ? fit() : null;
  const beta = full?.beta ?? new Float64Array(d);
  const toScores = (b: Float64Array) => {
    let mean = 0;
    for (let i = 0; i < m; i++) mean += b[i]! / m;
    return Array.from({ length: m }, (_, i) => 1000 + (400 * (b[i]! - mean)) / Math.LN10);
  };
  const scores = toScores(beta);

  const rounds = n > 0 ? Math.max(0, Math.floor(opts.bootstrap ?? 200)) : 0;
  const samples = Array.from({ length: d }, () => new Float64Array(rounds));
  let done = 0;
  if (rounds > 0) {
    const rng = createSeededRng(opts.seed ?? DEFAULT_SEED);
    const rowOf = new Int32Array(n);
    for (let r = 0; r < rows; r++) rowOf.fill(r, outcomeStart[r]!, outcomeStart[r + 1]!);
    const sums = new Float64Array(rows);
    for (let k = 0; k < rounds; k++) {
      w.fill(0);
      sums.fill(0);
      for (let t = 0; t < n; t++) {
        const pick = Math.floor(rng() * n);
        w[rowOf[pick]!]!++;
        sums[rowOf[pick]!]! += outcomes[pick]!;
      }
      for (let r = 0; r < rows; r++) y[r] = w[r]! ? sums[r]! / w[r]! : 0;
      const round = fit(beta);
      if (!round) continue;
      const s = toScores(round.beta);
      for (let i = 0; i < m; i++) samples[i]![done] = s[i]!;
      for (let q = 0; q < S; q++) samples[m + q]![done] = round.beta[m + q]!;
      done++;
    }
    setFull();
  }
  const interval = (k: number): [number | null, number | null] => {
    if (done === 0) return [null, null];
    const sorted = samples[k]!.slice(0, done).sort();
    return [percentile(sorted, 0.025), percentile(sorted, 0.975)];
  };

  const stats = modelRecords(names.length, (add) => {
    for (let r = 0; r < rows; r++) {
      for (let t = outcomeStart[r]!; t < outcomeStart[r + 1]!; t++) add(ma[r]!, mb[r]!, outcomes[t]!);
    }
  });
  const models: ModelRating[] = names.map((model, i) => {
    const [ci_low, ci_high] = interval(i);
    return { model, score: scores[i]!, ci_low, ci_high, ...stats[i]! };
  });
  models.sort((x, z) => z.score - x.score || (x.model < z.model ? -1 : x.model > z.model ? 1 : 0));
  const styleOut: StyleCoefficient[] = STYLE_COVARIATES.map((feature, q) => {
    const [ci_low, ci_high] = interval(m + q);
    return { feature, coef: sd[q]! > 1e-12 ? beta[m + q]! : 0, ci_low, ci_high, sd: sd[q]! };
  });
  return { models, style: styleOut, comparisons_total: n, bootstrap: done };
}
