import { krippendorffAlpha } from "@/lib/agreement/krippendorff";
import { impliedPairs, type Ranking } from "./ranking";

/**
 * Agreement on ranking items (docs/formats.md, "Agreement on rankings"). Pure.
 */

/** Each item index's rank, 1 = best; tied responses share the mean of the places they take (mid-ranks). */
export function midRanks(ranking: Ranking): Map<number, number> {
  const ranks = new Map<number, number>();
  let place = 1;
  for (const tier of ranking) {
    const rank = place + (tier.length - 1) / 2;
    for (const index of tier) ranks.set(index, rank);
    place += tier.length;
  }
  return ranks;
}

/**
 * Kendall's coefficient of concordance W of m rankings of the same n
 * responses, with the correction for ties:
 *
 *   W = 12·S / (m²(n³ − n) − m·Σ_j T_j),   S = Σ_i (R_i − m(n+1)/2)²,   T_j = Σ_groups (t³ − t)
 *
 * R_i the sum of response i's mid-ranks over the m rankings, t the size of
 * each tie group in ranking j. 1 when every ranking is the same, 0 when the
 * rank sums are all equal. Null with fewer than two rankings, or when every
 * ranking ties everything (the denominator is 0).
 */
export function kendallW(rankings: readonly Ranking[]): number | null {
  const m = rankings.length;
  if (m < 2) return null;
  const n = rankings[0]!.reduce((count, tier) => count + tier.length, 0);
  const sums = new Float64Array(n);
  let ties = 0;
  for (const ranking of rankings) {
    for (const [index, rank] of midRanks(ranking)) sums[index]! += rank;
    for (const tier of ranking) ties += tier.length ** 3 - tier.length;
  }
  const mean = (m * (n + 1)) / 2;
  let s = 0;
  for (const sum of sums) s += (sum - mean) ** 2;
  const denominator = m * m * (n ** 3 - n) - m * ties;
  return denominator > 0 ? (12 * s) / denominator : null;
}

export type RankedItem = { itemId: string; rankings: Ranking[] };

export type RankingAgreement = {
  /** Ranking items with at least two rankings (those W is defined for). */
  items: number;
  /** Rankings of those items. */
  rankings: number;
  /** Mean of the per-item W. */
  mean_kendall_w: number | null;
  /** Each such item's W, lowest first (the most disputed at the top). */
  per_item: { item_id: string; n_rankings: number; kendall_w: number | null }[];
  /** Krippendorff's α (ordinal) with each implied pair of each item a unit and the implied preferences its values. */
  alpha_ordinal_implied_pairs: number | null;
};

export function rankingAgreement(items: readonly RankedItem[], scale: number): RankingAgreement {
  const rated = items.filter((item) => item.rankings.length >= 2);
  const perItem = rated.map((item) => ({ item_id: item.itemId, n_rankings: item.rankings.length, kendall_w: kendallW(item.rankings) }));
  const ws = perItem.flatMap((item) => (item.kendall_w === null ? [] : [item.kendall_w]));
  const units: number[][] = [];
  for (const item of rated) {
    const implied = item.rankings.map((ranking) => impliedPairs(ranking, scale));
    for (let pair = 0; pair < (implied[0]?.length ?? 0); pair++) units.push(implied.map((pairs) => pairs[pair]!.preference));
  }
  return {
    items: rated.length,
    rankings: rated.reduce((n, item) => n + item.rankings.length, 0),
    mean_kendall_w: ws.length ? ws.reduce((a, b) => a + b, 0) / ws.length : null,
    per_item: perItem.sort((x, y) => (x.kendall_w ?? 2) - (y.kendall_w ?? 2) || x.item_id.localeCompare(y.item_id)),
    alpha_ordinal_implied_pairs: krippendorffAlpha(units, "ordinal"),
  };
}
