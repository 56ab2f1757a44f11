import { db } from "@/lib/db";
import { cohenKappa, meanCohenKappa } from "./cohen-kappa";
import { DEFAULT_MIN_PAIR_ITEMS } from "./compute-agreement";
import { fleissKappaOfPatterns } from "./fleiss-kappa";
import { krippendorffAlphasOfPatterns } from "./krippendorff";
import { patternHistogram, type PatternHistogram } from "./patterns";
import { percentAgreementOfPatterns } from "./percent-agreement";
import type { AgreementResult, AnnotatorPair } from "./types";

/** One annotator pair's 3×3 choice table (rows: the user id first in text order), as kept in AnnotatorPairStat. */
export type PairTable = { userLo: string; userHi: string; cells: Float64Array };

/** What the agreement figures need, read from the tables the Judgment trigger keeps (migration 20261129100100). */
export type AgreementStats = {
  patterns: PatternHistogram;
  pairs: PairTable[];
  /** Judgments per annotator (user id), non-gold items only. */
  annotators: Map<string, number>;
};

/**
 * Reads a project's agreement statistics: a few hundred pattern rows, one
 * row per annotator and up to nine per annotator pair; never a judgment.
 *
 * @internal caller has checked access
 */
export async function readAgreementStats(projectId: string): Promise<AgreementStats> {
  const [patternRows, pairRows, annotatorRows] = await Promise.all([
    db.$queryRawUnsafe<{ pattern: number[]; items: number }[]>(
      `SELECT "pattern", sum("items")::float8 AS "items" FROM "AgreementPatternStat" WHERE "projectId" = $1 GROUP BY 1`,
      projectId,
    ),
    db.$queryRawUnsafe<{ userLo: string; userHi: string; choiceLo: number; choiceHi: number; n: number }[]>(
      `SELECT "userLo", "userHi", "choiceLo"::int AS "choiceLo", "choiceHi"::int AS "choiceHi", "n"::float8 AS "n"
         FROM "AnnotatorPairStat" WHERE "projectId" = $1 AND "n" <> 0`,
      projectId,
    ),
    db.$queryRawUnsafe<{ userId: string; n: number }[]>(
      `SELECT "userId", "n"::float8 AS "n" FROM "AnnotatorLabelStat" WHERE "projectId" = $1 AND "n" <> 0`,
      projectId,
    ),
  ]);
  const pairs = new Map<string, PairTable>();
  for (const r of pairRows) {
    const key = JSON.stringify([r.userLo, r.userHi]);
    let pair = pairs.get(key);
    if (!pair) pairs.set(key, (pair = { userLo: r.userLo, userHi: r.userHi, cells: new Float64Array(9) }));
    pair.cells[r.choiceLo * 3 + r.choiceHi] = Number(r.n);
  }
  return {
    patterns: patternHistogram(patternRows.map((r) => ({ values: r.pattern.map(Number), items: Number(r.items) }))),
    pairs: [...pairs.values()],
    annotators: new Map(annotatorRows.map((r) => [r.userId, Number(r.n)])),
  };
}

/** Cohen's κ per annotator pair, named by `label` (pseudonyms) and sorted as annotatorPairs sorts them. */
export function pairsOfStats(pairs: readonly PairTable[], label: (userId: string) => string): AnnotatorPair[] {
  return pairs
    .map((p) => {
      let n = 0;
      for (let c = 0; c < 9; c++) n += p.cells[c]!;
      const x = label(p.userLo);
      const y = label(p.userHi);
      const [a, b] = x < y ? [x, y] : [y, x];
      return { a, b, n, cohen_kappa: cohenKappa(p.cells, 3) };
    })
    .filter((p) => p.n > 0)
    .sort((p, q) => (p.a < q.a ? -1 : p.a > q.a ? 1 : p.b < q.b ? -1 : p.b > q.b ? 1 : 0));
}

export type AgreementFigures = Omit<AgreementResult, "per_annotator" | "disputed_items">;

/**
 * Every figure of docs/formats.md ("Agreement metrics") that the kept
 * statistics determine exactly: all but the per-annotator table and the
 * disputed items, which need each judgment (lib/agreement/compute-agreement.ts).
 */
export function agreementFiguresOfStats(stats: AgreementStats, opts: { scale: number; minPairItems?: number; label: (userId: string) => string }): AgreementFigures {
  const { patterns } = stats.patterns;
  const pairs = pairsOfStats(stats.pairs, opts.label);
  const alphas = krippendorffAlphasOfPatterns(stats.patterns);
  const scale = Number.isInteger(opts.scale) && opts.scale > 0 ? opts.scale : 0;
  const domain = Math.max(scale, stats.patterns.maxAbsPreference);
  const histogram = new Float64Array(2 * domain + 1);
  let items = 0;
  let judgments = 0;
  let ties = 0;
  let multiple = 0;
  for (const p of patterns) {
    items += p.items;
    judgments += p.items * p.judgments;
    ties += p.items * p.choices[1];
    if (p.judgments >= 2) multiple += p.items;
    for (const v of p.values) histogram[v + domain]! += p.items;
  }
  const preferenceDistribution: Record<string, number> = {};
  for (let v = -domain; v <= domain; v++) preferenceDistribution[String(v)] = histogram[v + domain]!;
  let annotators = 0;
  for (const n of stats.annotators.values()) if (n > 0) annotators++;
  return {
    items,
    annotators,
    judgments,
    percent_agreement: percentAgreementOfPatterns(stats.patterns),
    mean_cohen_kappa: meanCohenKappa(pairs, opts.minPairItems ?? DEFAULT_MIN_PAIR_ITEMS),
    fleiss_kappa: fleissKappaOfPatterns(stats.patterns),
    krippendorff_alpha_nominal: alphas.nominal,
    krippendorff_alpha_ordinal: alphas.ordinal,
    krippendorff_alpha_interval: alphas.interval,
    pairs,
    preference_distribution: preferenceDistribution,
    tie_rate: judgments ? ties / judgments : null,
    items_with_multiple_judgments: multiple,
  };
}
