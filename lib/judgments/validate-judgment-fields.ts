import { validatePreference } from "@/lib/scale/preference-scale";
import { attributeQuestions } from "@/lib/validations/judgment";
import type { JudgmentRules } from "./judgment-view";
import { rankingProblem, type Ranking } from "@/lib/ranking-items/ranking";

/**
 * Whether the answer's form fits the item: a pair item takes a preference, a
 * ranking item (K responses) a ranking of exactly its K indices. Null when it fits.
 */
export function answerKindProblem(responseCount: number | null, input: { preference?: number; ranking?: Ranking }): string | null {
  if (responseCount === null) {
    return input.ranking !== undefined ? "ranking: this is a pair item: send preference, not ranking" : null;
  }
  if (input.ranking === undefined) return `preference: this is a ranking item of ${responseCount} responses: send ranking, not preference`;
  return input.ranking.length === 0 ? "ranking: must not be empty" : prefixed(rankingProblem(input.ranking, responseCount));
}
const prefixed = (problem: string | null) => (problem ? `ranking: ${problem}` : null);

/**
 * The checks zod cannot make alone because they depend on the project: the
 * preference on its scale, a rationale where one is required, attribute
 * answers to its own questions within their ranges. Returns one readable
 * problem per field (empty when all is well). Pure.
 *
 * Attribute questions are optional to answer: a missing answer is not an
 * error, an unknown key or an out-of-range value is.
 */
export function validateJudgmentFields(
  project: Pick<JudgmentRules, "scale" | "allowTie" | "requireRationale" | "attributes">,
  input: { preference?: number; ranking?: Ranking; rationale?: string; attributes?: Record<string, number> },
): string[] {
  const problems: string[] = [];
  if (input.preference !== undefined) {
    const preferenceProblem = validatePreference(input.preference, project);
    if (preferenceProblem) problems.push(preferenceProblem);
  }
  if (input.ranking !== undefined) {
    // The item's K is checked by the write (Item.responses' length); here: each index once, 0..n-1, ties as the project allows.
    const count = input.ranking.reduce((n, tier) => n + tier.length, 0);
    const rankingIssue = rankingProblem(input.ranking, count, { allowTies: project.allowTie });
    if (rankingIssue) problems.push(`ranking: ${rankingIssue}`);
  }
  if (project.requireRationale && !input.rationale?.trim()) {
    problems.push("rationale: this project asks for a rationale with every judgment");
  }
  // A malformed attributes column means no valid questions: every answer is refused.
  const parsed = attributeQuestions.safeParse(project.attributes);
  const questions = new Map((parsed.success ? parsed.data : []).map((q) => [q.key, q]));
  for (const [key, value] of Object.entries(input.attributes ?? {})) {
    const question = questions.get(key);
    if (!question) {
      const known = [...questions.keys()];
      problems.push(
        `attributes.${key}: not a question of this project` +
          (known.length ? ` (expected one of ${known.join(", ")})` : " (it asks none)"),
      );
    } else if (!Number.isInteger(value) || value < question.min || value > question.max) {
      problems.push(`attributes.${key}: must be a whole number from ${question.min} to ${question.max} (got ${value})`);
    }
  }
  return problems;
}
