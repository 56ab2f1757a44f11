import { createSeededRng, DEFAULT_SEED } from "../ranking/bradley-terry";
import { multinomial } from "../ranking/multinomial";
import type { AgreementStats } from "./agreement-stats";
import { annotatorPairs, cohenKappa, meanCohenKappa } from "./cohen-kappa";
import { DEFAULT_MIN_PAIR_ITEMS } from "./compute-agreement";
import { fleissKappaOfPatterns, fleissKappaOfTable } from "./fleiss-kappa";
import { krippendorffAlphas, krippendorffAlphasOfPatterns } from "./krippendorff";
import type { PatternHistogram } from "./patterns";
import { percentAgreement, percentAgreementOfPatterns } from "./percent-agreement";
import type { AnnotatorPair, JudgmentTable } from "./types";

export const INTERVAL_FIGURES = ["percent_agreement", "mean_cohen_kappa", "fleiss_kappa", "krippendorff_alpha_nominal", "krippendorff_alpha_ordinal", "krippendorff_alpha_interval"] as const;
export type IntervalFigure = (typeof INTERVAL_FIGURES)[number];

export type AgreementIntervals = {
  /** Bootstrap rounds behind the intervals (0: no item has two judgments). */
  rounds: number;
  /** 2.5th and 97.5th percentiles of each figure over the rounds in which it was defined; null when it never was. */
  intervals: Record<IntervalFigure, { low: number | null; high: number | null }>;
  /** How many items have k judgments (after de-duplication), for every k present: what the figures rest on. */
  items_by_judgments: Record<string, number>;
};

/** Rounds while cheap, fewer for big tables (each round recomputes the figures over every judgment), at least 20. */
export function defaultIntervalRounds(judgments: number): number {
  return Math.max(20, Math.min(200, Math.floor(1_500_000 / Math.max(1, judgments))));
}

function percentile(sorted: number[], q: number): number {
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

function figuresOf(table: JudgmentTable, minPairItems: number): Record<IntervalFigure, number | null> {
  const alphas = krippendorffAlphas(table);
  return {
    percent_agreement: percentAgreement(table),
    mean_cohen_kappa: meanCohenKappa(annotatorPairs(table), minPairItems),
    fleiss_kappa: fleissKappaOfTable(table),
    krippendorff_alpha_nominal: alphas.nominal,
    krippendorff_alpha_ordinal: alphas.ordinal,
    krippendorff_alpha_interval: alphas.interval,
  };
}

/**
 * Bootstrap 95% intervals of the agreement figures over items: the items
 * with two or more judgments (the only ones any figure uses) are drawn with
 * replacement, as many as there are, seeded; each round recomputes the
 * figures on the resampled table with the same code as the figures
 * themselves (docs/formats.md, "Agreement metrics").
 */
export function agreementIntervals(table: JudgmentTable, opts: { rounds?: number; seed?: number; minPairItems?: number } = {}): AgreementIntervals {
  const { itemStart } = table;
  const byK = new Map<number, number>();
  const multi: number[] = [];
  for (let i = 0; i + 1 < itemStart.length; i++) {
    const k = itemStart[i + 1]! - itemStart[i]!;
    byK.set(k, (byK.get(k) ?? 0) + 1);
    if (k >= 2) multi.push(i);
  }
  const items_by_judgments = Object.fromEntries([...byK.entries()].sort((a, b) => a[0] - b[0]).map(([k, c]) => [String(k), c]));
  const rounds = multi.length === 0 ? 0 : Math.max(0, Math.floor(opts.rounds ?? defaultIntervalRounds(table.choice.length)));
  const samples: Record<IntervalFigure, number[]> = Object.fromEntries(INTERVAL_FIGURES.map((f) => [f, []])) as unknown as Record<IntervalFigure, number[]>;
  const rng = createSeededRng(opts.seed ?? DEFAULT_SEED);
  const minPairItems = opts.minPairItems ?? DEFAULT_MIN_PAIR_ITEMS;
  for (let r = 0; r < rounds; r++) {
    const picks = multi.map(() => multi[Math.floor(rng() * multi.length)]!);
    let size = 0;
    for (const i of picks) size += itemStart[i + 1]! - itemStart[i]!;
    const t: JudgmentTable = {
      itemIds: picks.map((i) => table.itemIds[i]!),
      annotatorIds: table.annotatorIds,
      itemStart: new Int32Array(picks.length + 1),
      annotator: new Int32Array(size),
      preference: new Int32Array(size),
      choice: new Uint8Array(size),
      swapped: new Uint8Array(size),
      durationMs: new Float64Array(size),
      maxAbsPreference: table.maxAbsPreference,
    };
    let at = 0;
    picks.forEach((i, q) => {
      const from = itemStart[i]!;
      const to = itemStart[i + 1]!;
      t.annotator.set(table.annotator.subarray(from, to), at);
      t.preference.set(table.preference.subarray(from, to), at);
      t.choice.set(table.choice.subarray(from, to), at);
      t.swapped.set(table.swapped.subarray(from, to), at);
      at += to - from;
      t.itemStart[q + 1] = at;
    });
    const f = figuresOf(t, minPairItems);
    for (const name of INTERVAL_FIGURES) {
      const v = f[name];
      if (v !== null && Number.isFinite(v)) samples[name].push(v);
    }
  }
  return { rounds, intervals: percentiles(samples), items_by_judgments };
}

/**
 * agreementIntervals from the kept statistics (lib/agreement/agreement-stats.ts),
 * at a cost that does not grow with the judgments. Percent agreement, Fleiss'
 * κ and the three α: drawing the items with two or more judgments with
 * replacement, as many as there are, gives pattern counts distributed
 * Multinomial(N; items per pattern / N), so each round draws those counts
 * directly — the same distribution as the item bootstrap. Mean Cohen's κ:
 * each pair's 3×3 table is redrawn on its own, Multinomial(n; cells / n); this
 * treats the pairs as independent where an item bootstrap would move the
 * tables of annotators who share items together (docs/formats.md).
 */
export function agreementIntervalsOfStats(stats: AgreementStats, opts: { rounds?: number; seed?: number; minPairItems?: number } = {}): AgreementIntervals {
  const { patterns, maxAbsPreference } = stats.patterns;
  const byK = new Map<number, number>();
  let judgments = 0;
  for (const p of patterns) {
    byK.set(p.judgments, (byK.get(p.judgments) ?? 0) + p.items);
    judgments += p.items * p.judgments;
  }
  const items_by_judgments = Object.fromEntries([...byK.entries()].sort((a, b) => a[0] - b[0]).map(([k, c]) => [String(k), c]));
  const multi = patterns.filter((p) => p.judgments >= 2);
  const weights = multi.map((p) => p.items);
  const total = weights.reduce((s, w) => s + w, 0);
  const rounds = total === 0 ? 0 : Math.max(0, Math.floor(opts.rounds ?? defaultIntervalRounds(judgments)));
  const samples: Record<IntervalFigure, number[]> = Object.fromEntries(INTERVAL_FIGURES.map((f) => [f, []])) as unknown as Record<IntervalFigure, number[]>;
  const rng = createSeededRng(opts.seed ?? DEFAULT_SEED);
  const minPairItems = opts.minPairItems ?? DEFAULT_MIN_PAIR_ITEMS;
  const drawn = new Float64Array(multi.length);
  const pairTotals = stats.pairs.map((p) => p.cells.reduce((s, c) => s + c, 0));
  const cells = new Float64Array(9);
  for (let r = 0; r < rounds; r++) {
    multinomial(rng, total, weights, drawn);
    const resampled: PatternHistogram = { maxAbsPreference, patterns: multi.map((p, i) => ({ ...p, items: drawn[i]! })) };
    const alphas = krippendorffAlphasOfPatterns(resampled);
    const kappas: AnnotatorPair[] = stats.pairs.map((p, i) => {
      multinomial(rng, pairTotals[i]!, p.cells, cells);
      return { a: p.userLo, b: p.userHi, n: pairTotals[i]!, cohen_kappa: cohenKappa(cells, 3) };
    });
    const f: Record<IntervalFigure, number | null> = {
      percent_agreement: percentAgreementOfPatterns(resampled),
      mean_cohen_kappa: meanCohenKappa(kappas, minPairItems),
      fleiss_kappa: fleissKappaOfPatterns(resampled),
      krippendorff_alpha_nominal: alphas.nominal,
      krippendorff_alpha_ordinal: alphas.ordinal,
      krippendorff_alpha_interval: alphas.interval,
    };
    for (const name of INTERVAL_FIGURES) {
      const v = f[name];
      if (v !== null && Number.isFinite(v)) samples[name].push(v);
    }
  }
  return { rounds, intervals: percentiles(samples), items_by_judgments };
}

function percentiles(samples: Record<IntervalFigure, number[]>): Record<IntervalFigure, { low: number | null; high: number | null }> {
  return Object.fromEntries(
    INTERVAL_FIGURES.map((name) => {
      const s = samples[name].sort((a, b) => a - b);
      return [name, s.length ? { low: percentile(s, 0.025), high: percentile(s, 0.975) } : { low: null, high: null }];
    }),
  ) as Record<IntervalFigure, { low: number | null; high: number | null }>;
}
