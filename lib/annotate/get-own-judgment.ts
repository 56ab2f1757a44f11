import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isStorableText } from "@/lib/validations/storable";
import type { Prompt } from "@/lib/export/types";

export type OwnJudgment = {
  item: { externalId: string; prompt: Prompt; responseA: string; responseB: string };
  shownSwapped: boolean | null;
  values: { preference: number; flags: string[]; rationale: string; attributes: Record<string, number>; client_id: string };
};

/**
 * This annotator's judgment of an item (without `externalId`, their most
 * recent one in the project), with the item's texts as stored; null when
 * they have judged nothing here, a 404 for an item they have not judged.
 * A gold or re-check answer counts as a judgment here (Undo after a reload
 * reaches it): it carries no flags or attributes, as none are stored.
 *
 * @internal caller has checked access
 */
export async function getOwnJudgment(options: { userId: string; projectId: string; externalId?: string }): Promise<OwnJudgment | null> {
  // No item has such an id, and PostgreSQL would refuse to compare with it (a 500 instead of a 404).
  if (options.externalId !== undefined && (options.externalId.length > 200 || !isStorableText(options.externalId))) {
    throw new AppError("not_found", "You have not judged an item with that id.");
  }
  const item = { projectId: options.projectId, ...(options.externalId ? { externalId: options.externalId } : {}) };
  const itemSelect = { select: { externalId: true, prompt: true, responseA: true, responseB: true } } as const;
  const [judgment, check] = await Promise.all([
    db.judgment.findFirst({
      where: { userId: options.userId, item },
      orderBy: { createdAt: "desc" },
      select: { preference: true, flags: true, rationale: true, attributes: true, shownSwapped: true, clientId: true, createdAt: true, item: itemSelect },
    }),
    // A gold item or a re-check answered into CheckAnswer: Undo reaches it as it reaches a judgment (update-own-judgment.ts).
    db.checkAnswer.findFirst({
      where: { userId: options.userId, projectId: options.projectId, answeredAt: { not: null }, preference: { not: null }, ...(options.externalId ? { item: { externalId: options.externalId } } : {}) },
      orderBy: { answeredAt: "desc" },
      select: { preference: true, rationale: true, swapped: true, clientId: true, answeredAt: true, item: itemSelect },
    }),
  ]);
  // A re-check of an item comes after its judgment, so on one item the check answer is the one Undo changes.
  if (check && (!judgment || options.externalId || check.answeredAt! >= judgment.createdAt)) {
    return {
      item: { ...check.item, prompt: check.item.prompt as Prompt },
      shownSwapped: check.swapped,
      values: { preference: check.preference!, flags: [], rationale: check.rationale, attributes: {}, client_id: check.clientId ?? "" },
    };
  }
  if (!judgment) {
    if (options.externalId) throw new AppError("not_found", `You have not judged item "${options.externalId}".`);
    return null;
  }
  // A ranking item's judgment has no preference to put back in the pair form.
  if (judgment.preference === null) throw new AppError("conflict", "Your last judgment is a ranking: a ranking cannot be reopened for editing yet.");
  return {
    item: { ...judgment.item, prompt: judgment.item.prompt as Prompt },
    shownSwapped: judgment.shownSwapped,
    values: {
      preference: judgment.preference,
      flags: judgment.flags,
      rationale: judgment.rationale,
      attributes: (judgment.attributes ?? {}) as Record<string, number>,
      client_id: judgment.clientId,
    },
  };
}
