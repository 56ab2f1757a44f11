import type { RankOp } from "./ranking-steps";

/**
 * The keys of a ranking item (README, "Ranking items"): 1..K place that
 * response next, `=` or `T` ties the next one with the one before, Backspace
 * undoes a step. The tie keys only where the project allows ties. Null for any other key, which keeps its usual meaning (Enter,
 * U, S, X, G, R).
 */
export function rankingKeyStep(key: string, k: number, allowTies: boolean): RankOp | null {
  if (/^[1-9]$/.test(key)) {
    const position = Number(key) - 1;
    return position < k ? { op: "place", position } : null;
  }
  if (allowTies && (key === "=" || key === "t" || key === "T")) return { op: "tie" };
  if (key === "Backspace") return { op: "back" };
  return null;
}
