import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { UpdateJudgmentInput } from "@/lib/validations/judgment";
import { judgmentViewSelect, type JudgmentRules, type JudgmentView } from "./judgment-view";
import { answerKindProblem, validateJudgmentFields } from "./validate-judgment-fields";
import { rankedResponses } from "@/lib/ranking-items/ranked-responses";
import { assertJudgmentsOpen } from "./assert-judgments-open";
import { assertExpectedUser } from "./assert-expected-user";
import { updateOwnCheckAnswer } from "@/lib/quality/update-check-answer";

/**
 * Undo: the annotator goes back to a pair (or a ranking item) they judged and changes it. Only
 * their own judgment can be reached (it is looked up by this user and item).
 * Preference, rationale, attributes and flags are replaced and checked as on
 * submit; `duration_ms` is the extra time and is added to the stored duration.
 * The side order shown, the guidelines version and the item's counters stay
 * as they were: it is still one judgment of the same showing. An archived
 * project's judgments are final (409); a paused project's can still be fixed.
 */
export async function updateOwnJudgment(options: {
  userId: string;
  project: JudgmentRules;
  input: UpdateJudgmentInput;
}): Promise<JudgmentView> {
  const { userId, project, input } = options;
  assertExpectedUser(input, { id: userId });
  assertJudgmentsOpen(project);
  const item = await db.item.findUnique({
    where: { projectId_externalId: { projectId: project.id, externalId: input.item_id } },
    select: { id: true, responses: true, judgments: { where: { userId }, select: { id: true, durationMs: true } } },
  });
  if (!item) throw new AppError("not_found", `No item "${input.item_id}" in this project.`);
  const kindProblem = answerKindProblem(rankedResponses(item.responses)?.length ?? null, input);
  const problems = [...(kindProblem ? [kindProblem] : []), ...validateJudgmentFields(project, input)];
  if (problems.length) throw new AppError("unprocessable", problems.join("; "), { issues: problems });
  // A gold item or a re-check was answered into CheckAnswer, after any judgment of the same item: Undo reaches that answer.
  const check = await updateOwnCheckAnswer({ userId, project, itemId: item.id, input });
  if (check) return check;
  const existing = item.judgments[0];
  if (!existing) throw new AppError("not_found", "You have not judged this item, so there is nothing to change.");

  const extra = input.duration_ms;
  const durationMs =
    extra === undefined ? undefined : existing.durationMs === null ? { set: extra } : { increment: extra };
  return db.judgment.update({
    where: { id: existing.id },
    data: {
      // One of the two, as the item takes (answerKindProblem above).
      ...(input.ranking ? { ranking: input.ranking } : { preference: input.preference }),
      rationale: input.rationale,
      attributes: input.attributes,
      flags: input.flags,
      durationMs,
    },
    select: judgmentViewSelect,
  });
}
