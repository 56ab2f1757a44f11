import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isStorableText } from "@/lib/validations/storable";
import type { JudgedPair } from "@/lib/validations/annotate-response";
import { buildPairView } from "./pair-view";

/**
 * A pair this annotator already judged, shown as it was shown then (same
 * sides), with their answer: what Undo brings back to be changed.
 * Without `externalId`, the most recent one in the project.
 *
 * @internal caller has checked access
 */
export async function getJudgedPair(options: { userId: string; projectId: string; externalId?: string }): Promise<JudgedPair | null> {
  // No item has such an id, and PostgreSQL would refuse to compare with it (a 500 instead of a 404).
  if (options.externalId !== undefined && (options.externalId.length > 200 || !isStorableText(options.externalId))) {
    throw new AppError("not_found", "You have not judged an item with that id.");
  }
  const judgment = await db.judgment.findFirst({
    where: {
      userId: options.userId,
      item: { projectId: options.projectId, ...(options.externalId ? { externalId: options.externalId } : {}) },
    },
    orderBy: { createdAt: "desc" },
    select: {
      preference: true,
      flags: true,
      rationale: true,
      attributes: true,
      shownSwapped: true,
      clientId: true,
      item: { select: { externalId: true, prompt: true, responseA: true, responseB: true } },
    },
  });
  if (!judgment) {
    if (options.externalId) throw new AppError("not_found", `You have not judged item "${options.externalId}".`);
    return null;
  }
  return {
    view: await buildPairView(judgment.item, judgment.shownSwapped ?? false, null),
    values: {
      preference: judgment.preference,
      flags: judgment.flags,
      rationale: judgment.rationale,
      attributes: (judgment.attributes ?? {}) as Record<string, number>,
      client_id: judgment.clientId,
    },
  };
}
