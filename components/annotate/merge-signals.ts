import type { IntegritySignalsInput } from "@/lib/validations/integrity";

const LIMITS = { hidden_ms: 86_400_000, pastes: 10_000, pasted_chars: 1_000_000, choice_changes: 10_000 } as const;

/** The signals of two visits to one pair (an unsent judgment changed after Undo): counts add up (within the schema's bounds), the last choice's input wins. */
export function mergeSignals(earlier: IntegritySignalsInput, later: IntegritySignalsInput): IntegritySignalsInput {
  const merged: IntegritySignalsInput = { ...earlier, ...later };
  for (const key of Object.keys(LIMITS) as (keyof typeof LIMITS)[]) {
    if (earlier[key] !== undefined || later[key] !== undefined) merged[key] = Math.min(LIMITS[key], (earlier[key] ?? 0) + (later[key] ?? 0));
  }
  return merged;
}
