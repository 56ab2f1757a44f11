import { wilsonInterval } from "@/lib/stats/wilson";

/** z for a two-sided 90% interval: its lower end is the "lower 90% bound" of the stopping rule. */
export const Z90 = 1.6448536269514722;

/**
 * Adaptive overlap (docs/formats.md, "Adaptive overlap"): an item is judged by
 * at least `overlapMin` (k) and at most `overlapMax` (K) annotators. Between
 * the two it is finished as soon as its judgments agree enough:
 *
 * - unanimous: every judgment so far has the same direction (A, B or tie);
 * - `stopOn: "share"`: the majority direction's share reaches `stopShare`;
 * - `stopOn: "bound"`: the lower end of the two-sided 90% Wilson interval of
 *   that share reaches `stopShare` (stricter: it needs more judgments).
 *
 * A fixed overlap N is the rule with k = K = N. A ranking item has no single
 * direction to agree on, so it is always fixed-overlap: finished ("max") at K
 * rankings and never earlier (`ranked` votes). This is the one definition;
 * the lease statement, progress and the campaign benchmark follow it, and
 * the SQL twin pw_stop_reason (migration 20261129110100_ranking_stats).
 */
export type StoppingRule = {
  overlapMin: number;
  overlapMax: number;
  /** In (0.5, 1]; a share of 1 means "unanimous only". */
  stopShare: number;
  stopOn: "share" | "bound";
};

/**
 * An item's judgments by direction, in the item's own A/B terms; `ranked`:
 * a ranking item's rankings (Item.votesRanked), which have no direction.
 */
export type DirectionVotes = { a: number; b: number; tie: number; ranked?: number };

export type StopReason = "max" | "unanimous" | "share" | "bound";

/** Why the item is finished, or null while it wants another judgment. */
export function stopReason(votes: DirectionVotes, rule: StoppingRule): StopReason | null {
  const ranked = votes.ranked ?? 0;
  const n = votes.a + votes.b + votes.tie + ranked;
  if (n >= rule.overlapMax) return "max";
  if (ranked > 0) return null;
  if (n < rule.overlapMin || n === 0) return null;
  const majority = Math.max(votes.a, votes.b, votes.tie);
  if (majority === n) return "unanimous";
  if (rule.stopOn === "share") return majority / n >= rule.stopShare ? "share" : null;
  const low = wilsonInterval(majority, n, Z90)!.low;
  return low >= rule.stopShare ? "bound" : null;
}

/** True when the item needs no more judgments under the rule. */
export function isFinished(votes: DirectionVotes, rule: StoppingRule): boolean {
  return stopReason(votes, rule) !== null;
}

/** The direction of a preference on the signed scale: A when negative, B when positive, tie at 0. */
export function directionOf(preference: number): "a" | "b" | "tie" {
  return preference < 0 ? "a" : preference > 0 ? "b" : "tie";
}

/** The project columns the rule is read from (Prisma's Project has them all). */
export type StoppingRuleColumns = {
  overlap: number;
  overlapMin: number | null;
  overlapMax: number | null;
  stopShare: number;
  stopOn: string;
};

/** Select these on Project to build its rule with stoppingRuleOf. */
export const stoppingRuleSelect = { overlap: true, overlapMin: true, overlapMax: true, stopShare: true, stopOn: true } as const;

/**
 * A project's rule: its k and K, or, where unset, its fixed overlap as
 * k = K = overlap. The SQL twin is the COALESCE in the migration
 * 20261129100300_adaptive_overlap (pw_stop_reason's callers).
 */
export function stoppingRuleOf(project: StoppingRuleColumns): StoppingRule {
  return {
    overlapMin: project.overlapMin ?? project.overlap,
    overlapMax: project.overlapMax ?? project.overlap,
    stopShare: project.stopShare,
    stopOn: project.stopOn === "bound" ? "bound" : "share",
  };
}

/** True when the rule can stop an item before K (k < K). */
export function isAdaptive(rule: StoppingRule): boolean {
  return rule.overlapMin < rule.overlapMax;
}
