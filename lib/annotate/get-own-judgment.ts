import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isStorableText } from "@/lib/validations/storable";
import type { Prompt } from "@/lib/export/types";
import { Prisma } from "@/lib/generated/prisma/client";
import { readRanking, type Ranking } from "@/lib/ranking-items/ranking";

export type OwnJudgment = {
  /** `responses`: a ranking item's responses as stored (null for a pair item). */
  item: { externalId: string; prompt: Prompt; responseA: string; responseB: string; responses: unknown };
  shownSwapped: boolean | null;
  /** A ranking: the display order it was made in (display position -> item index); empty for a pair. */
  shownOrder: number[];
  /** `preference` for a pair item, `ranking` (item indices, best first) for a ranking item. */
  values: { preference?: number; ranking?: Ranking; flags: string[]; rationale: string; attributes: Record<string, number>; client_id: string };
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
  const itemSelect = { select: { externalId: true, prompt: true, responseA: true, responseB: true, responses: true } } as const;
  const [judgment, check] = await Promise.all([
    db.judgment.findFirst({
      where: { userId: options.userId, item },
      orderBy: { createdAt: "desc" },
      select: { preference: true, ranking: true, shownOrder: true, flags: true, rationale: true, attributes: true, shownSwapped: true, clientId: true, createdAt: true, item: itemSelect },
    }),
    // A gold item or a re-check answered into CheckAnswer: Undo reaches it as it reaches a judgment (update-own-judgment.ts).
    db.checkAnswer.findFirst({
      where: {
        userId: options.userId, projectId: options.projectId, answeredAt: { not: null },
        OR: [{ preference: { not: null } }, { ranking: { not: Prisma.DbNull } }],
        ...(options.externalId ? { item: { externalId: options.externalId } } : {}),
      },
      orderBy: { answeredAt: "desc" },
      select: { preference: true, ranking: true, displayOrder: true, rationale: true, swapped: true, clientId: true, answeredAt: true, item: itemSelect },
    }),
  ]);
  // A re-check of an item comes after its judgment, so on one item the check answer is the one Undo changes.
  if (check && (!judgment || options.externalId || check.answeredAt! >= judgment.createdAt)) {
    return {
      item: { ...check.item, prompt: check.item.prompt as Prompt },
      shownSwapped: check.swapped,
      shownOrder: check.displayOrder,
      values: { ...answerOf(check), flags: [], rationale: check.rationale, attributes: {}, client_id: check.clientId ?? "" },
    };
  }
  if (!judgment) {
    if (options.externalId) throw new AppError("not_found", `You have not judged item "${options.externalId}".`);
    return null;
  }
  return {
    item: { ...judgment.item, prompt: judgment.item.prompt as Prompt },
    shownSwapped: judgment.shownSwapped,
    shownOrder: judgment.shownOrder,
    values: {
      ...answerOf(judgment),
      flags: judgment.flags,
      rationale: judgment.rationale,
      attributes: (judgment.attributes ?? {}) as Record<string, number>,
      client_id: judgment.clientId,
    },
  };
}

/** The stored answer: a pair's preference or a ranking item's ranking, whichever the row holds. */
function answerOf(row: { preference: number | null; ranking: unknown }): { preference: number } | { ranking: Ranking } {
  if (row.preference !== null) return { preference: row.preference };
  const ranking = readRanking(row.ranking);
  if (!ranking) throw new AppError("conflict", "This judgment holds neither a preference nor a ranking that can be read.");
  return { ranking };
}
