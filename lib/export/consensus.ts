import { choiceOf, type Choice } from "@/lib/scale/preference-scale";
import { consensusCode, DIRECTIONS } from "@/lib/quality/read-consensus";

export type Consensus = {
  /** Mean preference m of the item's judgments. */
  mean: number;
  /** m < 0 → "A", m > 0 → "B", m = 0 → "tie". */
  choice: Choice;
  /** |m|. */
  margin: number;
  /** Share of the judgments whose choice equals the consensus choice. */
  agreement: number;
};

/**
 * An item's consensus (docs/formats.md, "trl"): null when there are no judgments.
 * The tie test uses the integer sum, not the float mean, so no rounding can
 * turn a tie into a weak preference.
 */
export function consensusOf(preferences: readonly number[]): Consensus | null {
  const n = preferences.length;
  if (n === 0) return null;
  let sum = 0;
  for (const p of preferences) sum += p;
  const choice = choiceOf(sum);
  let agreeing = 0;
  for (const p of preferences) if (choiceOf(p) === choice) agreeing++;
  const mean = sum / n;
  return { mean, choice, margin: Math.abs(mean), agreement: agreeing / n };
}

/**
 * An item's consensus under `consensus=reliability` (docs/formats.md,
 * "Consensus by reliability"): the direction the reliability model's posterior (A, tie, B)
 * favours (consensusCode: a posterior favouring tie, or A and B equal, is a
 * tie); `pChosen` the posterior probability that the response written as
 * chosen is the better one (A's for a tie written with ties=keep); margin
 * the mean preference towards the chosen side (0 when the judgments lean
 * the other way, and for a tie); agreement the share of judgments in the
 * chosen direction. Null when there are no judgments.
 */
export function reliabilityConsensusOf(preferences: readonly number[], posterior: readonly [number, number, number]): (Consensus & { pChosen: number }) | null {
  const n = preferences.length;
  if (n === 0) return null;
  const [pA, pTie, pB] = posterior;
  const choice = DIRECTIONS[consensusCode(pA, pTie, pB)]!;
  let sum = 0;
  let agreeing = 0;
  for (const p of preferences) {
    sum += p;
    if (choiceOf(p) === choice) agreeing++;
  }
  const mean = sum / n;
  const margin = choice === "A" ? Math.max(0, -mean) : choice === "B" ? Math.max(0, mean) : 0;
  return { mean, choice, margin, agreement: agreeing / n, pChosen: choice === "B" ? pB : pA };
}
