import { z } from "zod";

/**
 * A ranking of a ranking item's K responses (docs/formats.md, "Ranking items"):
 * tiers best first, each a list of 0-based item indices; a tier of several is
 * a tie. Pure functions, shared by import, submit, gold checks, exports and
 * agreement, in the item's own terms (never display positions).
 */
export type Ranking = number[][];

export const MIN_RANKED_RESPONSES = 3;
export const MAX_RANKED_RESPONSES = 9;

/** The shape only (tiers of small non-negative integers); `rankingProblem` checks it against K. */
export const rankingShape = z
  .array(
    z
      .array(z.number({ error: "each index must be a number" }).int("each index must be an integer").min(0, "indices start at 0"), {
        error: "each tier must be a list of response indices",
      })
      .min(1, "a tier must not be empty"),
    { error: "must be a list of tiers, each a list of response indices, best first" },
  )
  .min(1, "must not be empty")
  .max(MAX_RANKED_RESPONSES, `must have at most ${MAX_RANKED_RESPONSES} tiers`);

/** Why `ranking` is not a ranking of K responses (every index 0..K-1 exactly once), or null. */
export function rankingProblem(ranking: Ranking, k: number, options: { allowTies?: boolean } = {}): string | null {
  const seen = new Set<number>();
  for (const tier of ranking) {
    for (const index of tier) {
      if (index >= k) return `index ${index} is out of range: this item has ${k} responses (0..${k - 1})`;
      if (seen.has(index)) return `index ${index} appears more than once`;
      seen.add(index);
    }
  }
  if (seen.size !== k) {
    const missing = Array.from({ length: k }, (_, i) => i).filter((i) => !seen.has(i));
    return `every response must be ranked: missing ${missing.join(", ")}`;
  }
  if (options.allowTies === false && ranking.some((tier) => tier.length > 1)) {
    return "ties are not allowed in this project: one response per tier";
  }
  return null;
}

/** Tier of each item index (0 = best). */
export function tierOf(ranking: Ranking): Map<number, number> {
  const tiers = new Map<number, number>();
  ranking.forEach((tier, position) => tier.forEach((index) => tiers.set(index, position)));
  return tiers;
}

export type ImpliedPair = { a: number; b: number; preference: number };

/**
 * The K(K−1)/2 pairs a ranking implies (docs/formats.md, "Implied pairs"), a < b
 * in item indices, in (a, b) order. `preference` is in the pair's own terms
 * like a judgment's: negative when a is ranked better, 0 when tied; its
 * strength is the difference of the two tiers, capped at the project's scale.
 * The migration's SQL function ranking_implied_pairs is the same rule.
 */
export function impliedPairs(ranking: Ranking, scale: number): ImpliedPair[] {
  const tiers = tierOf(ranking);
  const indices = [...tiers.keys()].sort((x, y) => x - y);
  const pairs: ImpliedPair[] = [];
  for (let i = 0; i < indices.length; i++) {
    for (let j = i + 1; j < indices.length; j++) {
      const a = indices[i]!;
      const b = indices[j]!;
      const diff = tiers.get(a)! - tiers.get(b)!;
      pairs.push({ a, b, preference: Math.sign(diff) * Math.min(Math.abs(diff), scale) });
    }
  }
  return pairs;
}

/**
 * Kendall tau distance between two rankings of the same K items: the pairs
 * ordered oppositely count 1, the pairs tied in one and not the other ½.
 */
export function kendallDistance(x: Ranking, y: Ranking): number {
  const tx = tierOf(x);
  const ty = tierOf(y);
  const indices = [...tx.keys()];
  let distance = 0;
  for (let i = 0; i < indices.length; i++) {
    for (let j = i + 1; j < indices.length; j++) {
      const sx = Math.sign(tx.get(indices[i]!)! - tx.get(indices[j]!)!);
      const sy = Math.sign((ty.get(indices[i]!) ?? 0) - (ty.get(indices[j]!) ?? 0));
      if (sx === sy) continue;
      distance += sx === 0 || sy === 0 ? 0.5 : 1;
    }
  }
  return distance;
}

/** Share of the pairs a gold ranking item's answer may order differently and still be right. */
export const GOLD_RANKING_TOLERANCE = 0.2;

/**
 * Whether an answer to a gold ranking item is right: its Kendall tau distance
 * to the gold ranking is at most 20% of the K(K−1)/2 pairs (K = 4: one pair
 * swapped, or two ties where the gold orders; K = 3: exact).
 */
export function isGoldRankingMet(answer: Ranking, gold: Ranking): boolean {
  const k = gold.reduce((n, tier) => n + tier.length, 0);
  return kendallDistance(answer, gold) <= GOLD_RANKING_TOLERANCE * ((k * (k - 1)) / 2) + 1e-9;
}

/** A uniformly random display order of K responses (display position -> item index). */
export function randomDisplayOrder(k: number, random: () => number): number[] {
  const order = Array.from({ length: k }, (_, i) => i);
  for (let i = k - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** A stored ranking (JSON) read back; null when the value is not one. */
export function readRanking(value: unknown): Ranking | null {
  const parsed = rankingShape.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** A ranking as people read it, with response numbers from 1: "3 > 1 = 2 > 4". */
export function formatRanking(ranking: Ranking): string {
  return ranking.map((tier) => tier.map((index) => index + 1).join(" = ")).join(" > ");
}
