import { validatePreference } from "@/lib/scale/preference-scale";
import { attributeQuestions } from "@/lib/validations/judgment";
import type { JudgmentRules } from "./judgment-view";

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
  input: { preference: number; rationale?: string; attributes?: Record<string, number> },
): string[] {
  const problems: string[] = [];
  const preferenceProblem = validatePreference(input.preference, project);
  if (preferenceProblem) problems.push(preferenceProblem);
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
