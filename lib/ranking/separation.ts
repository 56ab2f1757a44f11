import { Z95 } from "@/lib/bias/stats";
import type { ModelRating } from "./bradley-terry";
import type { PairCount } from "./project-leaderboard";

export type AdjacentSeparation = {
  /** The better-ranked model and the one ranked just below it. */
  higher: string;
  lower: string;
  /** The two 95% intervals do not overlap (null without intervals). */
  separated: boolean | null;
  /** Direct comparisons of the two so far, and the higher model's share of their points (a tie is half). */
  comparisons: number;
  higher_share: number | null;
  /**
   * More direct comparisons that would make the pair's own win rate
   * distinguishable from 50% at the current (smoothed) rate: 0 when already
   * separated, null when there is no estimate (no comparisons, or a smoothed
   * rate of exactly 50%).
   */
  more_needed: number | null;
};

/**
 * n such that 1.96·sqrt(p(1−p)/n) < |p − 0.5|, i.e. n > 1.96²·p(1−p)/(p − 0.5)²,
 * with p = (points + 1)/(comparisons + 2) (one win and one loss added, so a
 * clean sweep of 3 games does not claim certainty); minus the comparisons so
 * far, never below 0. docs/formats.md, "How many judgments are enough".
 */
export function comparisonsToSeparate(points: number, comparisons: number): number | null {
  if (comparisons <= 0) return null;
  const p = (points + 1) / (comparisons + 2);
  const gap = Math.abs(p - 0.5);
  if (gap < 1e-12) return null;
  const needed = Math.floor((Z95 * Z95 * p * (1 - p)) / (gap * gap)) + 1;
  return Math.max(0, needed - comparisons);
}

/** For each pair of models adjacent in the ranking: whether their intervals separate, and the estimate above. */
export function adjacentSeparation(models: readonly ModelRating[], pairs: readonly PairCount[]): AdjacentSeparation[] {
  const byPair = new Map(pairs.map((p) => [JSON.stringify([p.a, p.b]), p]));
  const out: AdjacentSeparation[] = [];
  for (let k = 0; k + 1 < models.length; k++) {
    const hi = models[k]!;
    const lo = models[k + 1]!;
    const separated = hi.ci_low === null || lo.ci_high === null ? null : hi.ci_low > lo.ci_high;
    const [a, b] = hi.model < lo.model ? [hi.model, lo.model] : [lo.model, hi.model];
    const pair = byPair.get(JSON.stringify([a, b]));
    const n = pair?.comparisons ?? 0;
    const points = pair ? (a === hi.model ? pair.a_wins : pair.b_wins) + pair.ties / 2 : 0;
    out.push({
      higher: hi.model,
      lower: lo.model,
      separated,
      comparisons: n,
      higher_share: n ? points / n : null,
      more_needed: separated ? 0 : comparisonsToSeparate(points, n),
    });
  }
  return out;
}
