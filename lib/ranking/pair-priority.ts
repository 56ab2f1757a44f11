import { fitBradleyTerryCounts, type ComparisonCount } from "./bradley-terry";
import type { PairCount } from "./project-leaderboard";
import { adjacentSeparation } from "./separation";

/** An unordered pair of models, in name order (a < b). */
export type ModelPair = { a: string; b: string };

/**
 * How urgently a pair of models wants more comparisons (docs/formats.md,
 * "Leaderboard sampling"). Lower tiers are served first; within a tier a pair
 * is chosen at random with probability proportional to `weight`.
 *
 * - tier 0: adjacent in the current ranking and not yet told apart by their
 *   own comparisons (lib/ranking/separation.ts: more comparisons needed, or no
 *   estimate yet);
 * - tier 1: adjacent and already told apart (more comparisons still narrow
 *   both models' intervals);
 * - tier 2: every other pair (far apart in the ranking: their outcome is
 *   nearly certain, so a comparison says little).
 *
 * weight = 1 / (comparisons + 1): the pair with the fewest comparisons, whose
 * win-rate interval is the widest, is the likeliest pick, and a tier's pairs
 * even out rather than one taking every judgment until the next recompute.
 */
export type PairPriority = ModelPair & { tier: 0 | 1 | 2; weight: number; comparisons: number; more_needed: number | null };

/**
 * Priorities of the `pairs` that have items, from the comparisons so far
 * (`counts`, per pair in name order). The ranking is a Bradley–Terry point fit
 * (no bootstrap, so a recompute stays cheap at millions of judgments).
 * Sorted by tier, then fewest comparisons, then name.
 */
export function pairPriorities(pairs: readonly ModelPair[], counts: readonly PairCount[]): PairPriority[] {
  const key = (a: string, b: string) => JSON.stringify(a < b ? [a, b] : [b, a]);
  // Every model of the pairs and the counts is ranked, compared yet or not.
  const models = [...pairs, ...counts].flatMap((p) => [p.a, p.b]);
  const ranking = fitBradleyTerryCounts(comparisonCounts(counts), { bootstrap: 0, models }).models;
  const adjacent = new Map(adjacentSeparation(ranking, counts).map((s) => [key(s.higher, s.lower), s]));
  const byPair = new Map(counts.map((c) => [key(c.a, c.b), c]));
  const seen = new Set<string>();
  const out: PairPriority[] = [];
  for (const pair of pairs) {
    if (!pair.a || !pair.b || pair.a === pair.b) continue;
    const k = key(pair.a, pair.b);
    if (seen.has(k)) continue;
    seen.add(k);
    const [a, b] = pair.a < pair.b ? [pair.a, pair.b] : [pair.b, pair.a];
    const comparisons = byPair.get(k)?.comparisons ?? 0;
    const near = adjacent.get(k);
    const more_needed = near ? near.more_needed : null;
    const tier = near ? (more_needed === 0 ? 1 : 0) : 2;
    out.push({ a, b, tier, weight: 1 / (comparisons + 1), comparisons, more_needed });
  }
  return out.sort((x, y) => x.tier - y.tier || x.comparisons - y.comparisons || (x.a + "\0" + x.b < y.a + "\0" + y.b ? -1 : 1));
}

/** The per-pair tallies as counted comparisons: (a, b, a won), (a, b, b won), (a, b, tie). */
function comparisonCounts(counts: readonly PairCount[]): ComparisonCount[] {
  return counts.flatMap(({ a, b, a_wins, b_wins, ties }) => [
    { modelA: a, modelB: b, outcome: -1, n: a_wins },
    { modelA: a, modelB: b, outcome: 1, n: b_wins },
    { modelA: a, modelB: b, outcome: 0, n: ties },
  ]);
}

/**
 * The order in which the lease tries pairs: by tier, and within a tier by the
 * exponential race key −ln(1 − u)/weight (u uniform in [0, 1)), which puts a
 * pair first with probability weight / (sum of the tier's weights). The lease
 * statement (lib/assignment/claim-item.ts) computes the same key with SQL's
 * random(); the campaign benchmark calls this function.
 */
export function samplingOrder<T extends { tier: number; weight: number }>(priorities: readonly T[], random: () => number): T[] {
  return priorities
    .map((p) => ({ p, race: -Math.log(1 - random()) / p.weight }))
    .sort((x, y) => x.p.tier - y.p.tier || x.race - y.race)
    .map((x) => x.p);
}
