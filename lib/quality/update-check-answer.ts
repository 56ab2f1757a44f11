import "server-only";
import { db } from "@/lib/db";
import type { UpdateJudgmentInput } from "@/lib/validations/judgment";
import type { JudgmentRules, JudgmentView } from "@/lib/judgments/judgment-view";
import { checkAsJudgmentView } from "./submit-check";

/**
 * Undo of a check answer (gold item or re-check): the user's latest answered
 * check of the item takes the new preference, rationale and extra time.
 * firstPreference and `correct` stay: scores read the first answer, so an
 * undo after the feedback changes no score. Null when there is none.
 *
 * @internal caller has checked access
 */
export async function updateOwnCheckAnswer(options: {
  userId: string;
  project: JudgmentRules;
  itemId: string;
  input: UpdateJudgmentInput;
}): Promise<JudgmentView | null> {
  const { userId, project, itemId, input } = options;
  const check = await db.checkAnswer.findFirst({
    where: { userId, itemId, projectId: project.id, answeredAt: { not: null } },
    orderBy: { answeredAt: "desc" },
    select: { id: true, durationMs: true },
  });
  if (!check) return null;
  const extra = input.duration_ms;
  const row = await db.checkAnswer.update({
    where: { id: check.id },
    data: {
      // The form was checked against the item by the caller (update-own-judgment.ts).
      preference: input.preference ?? null,
      ...(input.ranking ? { ranking: input.ranking } : {}),
      rationale: input.rationale,
      ...(extra === undefined ? {} : { durationMs: (check.durationMs ?? 0) + extra }),
    },
    select: {
      id: true, itemId: true, userId: true, kind: true, swapped: true, preference: true, ranking: true, displayOrder: true, rationale: true,
      durationMs: true, clientId: true, answeredAt: true, leasedAt: true, correct: true,
      item: { select: { externalId: true, goldPreference: true, goldRanking: true, goldExplanation: true } },
    },
  });
  return checkAsJudgmentView(row, project.guidelinesVersion, { flags: input.flags, attributes: input.attributes });
}
