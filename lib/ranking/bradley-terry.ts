import { multinomial } from "./multinomial";

/** One pairwise comparison: negative preference favours modelA, positive modelB, 0 is a tie. */
export type Comparison = { modelA: string; modelB: string; preference: number };

export type BradleyTerryOptions = {
  /** Bootstrap rounds for the 95% intervals (0 turns them off). Default 200. */
  bootstrap?: number;
  seed?: number;
  /**
   * Rate these models too, compared or not (they come first in the index, in
   * this order). Leaderboard sampling needs the models with no comparisons yet.
   */
  models?: readonly string[];
};

export type ModelRating = {
  model: string;
  score: number;
  ci_low: number | null;
  ci_high: number | null;
  comparisons: number;
  wins: number;
  losses: number;
  ties: number;
};

export type BradleyTerryResult = {
  models: ModelRating[];
  win_rate: Record<string, Record<string, number | null>>;
  comparisons_total: number;
};

export const DEFAULT_BOOTSTRAP = 200;
export const DEFAULT_SEED = 20_240_601;

/**
 * Every model plays this many virtual games against a fixed reference of
 * strength 1 and wins half of them. Without it a model that never loses has
 * no finite maximum-likelihood strength, and models in separate components of
 * the comparison graph have no common scale; one game is negligible beside
 * real data but keeps every estimate finite.
 */
const PRIOR_GAMES = 1;
const MAX_ITERATIONS = 10_000;
const TOLERANCE = 1e-10;

/** mulberry32: small, fast, seedable; Math.random can't be seeded for reproducible intervals. */
export function createSeededRng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Maximum-likelihood strengths by Hunter's (2004) MM iteration, where
 * wins[i*m+j] is how often i beat j (a tie is half a win for each side).
 * Returns Elo-style scores: 1000 + 400·log10(strength), strengths normalised
 * to geometric mean 1. `start` warm-starts the iteration (bootstrap rounds).
 */
function fitScores(wins: Float64Array, m: number, start?: Float64Array, untilScoresSettle = false): Float64Array {
  const p = start ? start.slice() : new Float64Array(m).fill(1);
  const next = new Float64Array(m);
  const step = new Float64Array(m);
  for (let iter = 0; iter < MAX_ITERATIONS; iter++) {
    let change = 0;
    for (let i = 0; i < m; i++) {
      let won = PRIOR_GAMES / 2;
      let denominator = PRIOR_GAMES / (p[i]! + 1);
      for (let j = 0; j < m; j++) {
        if (j === i) continue;
        const games = wins[i * m + j]! + wins[j * m + i]!;
        won += wins[i * m + j]!;
        if (games > 0) denominator += games / (p[i]! + p[j]!);
      }
      next[i] = won / denominator;
      step[i] = Math.log(next[i]! / p[i]!);
      change = Math.max(change, Math.abs(step[i]!));
    }
    p.set(next);
    if (change < TOLERANCE) break;
    if (untilScoresSettle) {
      // With many games the strengths can creep together by one common factor
      // for thousands of iterations (only the one prior game pins the scale),
      // which moves no score: scores are normalised to geometric mean 1.
      let mean = 0;
      for (let i = 0; i < m; i++) mean += step[i]! / m;
      let relative = 0;
      for (let i = 0; i < m; i++) relative = Math.max(relative, Math.abs(step[i]! - mean));
      if (relative < TOLERANCE) break;
    }
  }
  let logMean = 0;
  for (let i = 0; i < m; i++) logMean += Math.log(p[i]!) / m;
  return p.map((s) => 1000 + (400 * (Math.log(s) - logMean)) / Math.LN10);
}

function percentile(sorted: Float64Array, q: number): number {
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/** Comparisons counted: `n` comparisons of modelA against modelB with this outcome (sign of the preference). */
export type ComparisonCount = { modelA: string; modelB: string; outcome: number; n: number };

/**
 * Bradley–Terry ratings of models from pairwise comparisons, with 95%
 * bootstrap intervals (comparisons resampled with replacement, seeded so the
 * same input gives the same intervals). Comparisons of a model with itself,
 * with a missing model name, or with a non-finite preference are ignored.
 */
export function fitBradleyTerry(comparisons: Iterable<Comparison>, opts: BradleyTerryOptions = {}): BradleyTerryResult {
  const cells = new Map<string, ComparisonCount>();
  const order: ComparisonCount[] = [];
  for (const c of comparisons) {
    if (!c.modelA || !c.modelB || c.modelA === c.modelB || !Number.isFinite(c.preference)) continue;
    const outcome = Math.sign(c.preference);
    const key = JSON.stringify([c.modelA, c.modelB, outcome]);
    const cell = cells.get(key);
    if (cell) cell.n++;
    else {
      const fresh = { modelA: c.modelA, modelB: c.modelB, outcome, n: 1 };
      cells.set(key, fresh);
      order.push(fresh);
    }
  }
  return fitBradleyTerryCounts(order, opts);
}

/**
 * fitBradleyTerry over counted comparisons (the leaderboard reads these from
 * ModelPairStat; leaderboard sampling, lib/ranking/pair-priority.ts, refits
 * them often with `bootstrap: 0`, at a cost that does not grow with the
 * number of judgments). Models are indexed in order of first appearance,
 * after `opts.models`. Each
 * bootstrap round draws the cell counts from Multinomial(N; n/N), which is
 * exactly the distribution of cell counts when N comparisons are drawn with
 * replacement (lib/ranking/multinomial.ts), so a round costs the number of
 * cells, not N.
 */
export function fitBradleyTerryCounts(counts: readonly ComparisonCount[], opts: BradleyTerryOptions = {}): BradleyTerryResult {
  const index = new Map<string, number>();
  const names: string[] = [];
  const idOf = (name: string): number => {
    let i = index.get(name);
    if (i === undefined) {
      i = names.push(name) - 1;
      index.set(name, i);
    }
    return i;
  };
  for (const name of opts.models ?? []) if (name) idOf(name);
  const a: number[] = [];
  const b: number[] = [];
  const outcome: number[] = []; // sign(preference) + 1: 0 A won, 1 tie, 2 B won
  const weight: number[] = [];
  for (const c of counts) {
    if (!c.modelA || !c.modelB || c.modelA === c.modelB || !Number.isFinite(c.outcome) || !(c.n > 0)) continue;
    a.push(idOf(c.modelA));
    b.push(idOf(c.modelB));
    outcome.push(Math.sign(c.outcome) + 1);
    weight.push(c.n);
  }
  const m = names.length;
  const cellsCount = a.length;
  let n = 0;
  for (const w of weight) n += w;

  const tally = (wins: Float64Array, t: number, times: number): void => {
    const o = outcome[t]!;
    const x = a[t]!;
    const y = b[t]!;
    // o/2 is B's share of the point: 0 (A won), 0.5 (tie), 1 (B won).
    wins[x * m + y]! += times * (1 - o / 2);
    wins[y * m + x]! += times * (o / 2);
  };
  const wins = new Float64Array(m * m);
  for (let t = 0; t < cellsCount; t++) tally(wins, t, weight[t]!);
  const scores = fitScores(wins, m);

  const rounds = Math.max(0, Math.floor(opts.bootstrap ?? DEFAULT_BOOTSTRAP));
  const samples = Array.from({ length: m }, () => new Float64Array(rounds));
  if (n > 0 && rounds > 0) {
    const rng = createSeededRng(opts.seed ?? DEFAULT_SEED);
    const startStrengths = scores.map((s) => 10 ** ((s - 1000) / 400));
    const resampled = new Float64Array(m * m);
    const drawn = new Float64Array(cellsCount);
    for (let r = 0; r < rounds; r++) {
      resampled.fill(0);
      multinomial(rng, n, weight, drawn);
      for (let t = 0; t < cellsCount; t++) tally(resampled, t, drawn[t]!);
      const round = fitScores(resampled, m, startStrengths, true);
      for (let i = 0; i < m; i++) samples[i]![r] = round[i]!;
    }
  }

  const stats = modelRecords(names.length, (add) => {
    for (let t = 0; t < cellsCount; t++) add(a[t]!, b[t]!, outcome[t]! / 2, weight[t]!);
  });

  const hasIntervals = n > 0 && rounds > 0;
  const models: ModelRating[] = names.map((model, i) => {
    const sorted = samples[i]!.sort();
    return {
      model,
      score: scores[i]!,
      ci_low: hasIntervals ? percentile(sorted, 0.025) : null,
      ci_high: hasIntervals ? percentile(sorted, 0.975) : null,
      ...stats[i]!,
    };
  });
  models.sort((x, y) => y.score - x.score || (x.model < y.model ? -1 : x.model > y.model ? 1 : 0));

  // fromEntries defines own keys, so a model named "__proto__" stays a plain key.
  const win_rate = Object.fromEntries(
    models.map((row) => {
      const i = index.get(row.model)!;
      const rates = models
        .filter((col) => col.model !== row.model)
        .map((col) => {
          const j = index.get(col.model)!;
          const games = wins[i * m + j]! + wins[j * m + i]!;
          return [col.model, games > 0 ? wins[i * m + j]! / games : null] as const;
        });
      return [row.model, Object.fromEntries(rates)];
    }),
  );
  return { models, win_rate, comparisons_total: n };
}

/** A model's comparisons, and how many it won, lost and tied. */
export type ModelRecord = { comparisons: number; wins: number; losses: number; ties: number };

/**
 * Win/loss/tie counts per model (by index) from the comparisons that `each`
 * hands to `add(a, b, bShare)`, where bShare is B's share of the point:
 * 0 A won, 0.5 tie, 1 B won. Shared by the plain and the style-controlled fit.
 */
export function modelRecords(models: number, each: (add: (a: number, b: number, bShare: number, times?: number) => void) => void): ModelRecord[] {
  const stats = Array.from({ length: models }, () => ({ comparisons: 0, wins: 0, losses: 0, ties: 0 }));
  each((a, b, bShare, times = 1) => {
    const sa = stats[a]!;
    const sb = stats[b]!;
    sa.comparisons += times;
    sb.comparisons += times;
    if (bShare === 0.5) {
      sa.ties += times;
      sb.ties += times;
    } else {
      const [winner, loser] = bShare === 0 ? [sa, sb] : [sb, sa];
      winner.wins += times;
      loser.losses += times;
    }
  });
  return stats;
}
