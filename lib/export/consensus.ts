import { choiceOf, type Choice } from "@/lib/scale/preference-scale";

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
