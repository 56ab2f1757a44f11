import type { JudgedPair } from "@/lib/validations/annotate-response";
import { getOwnJudgment } from "./get-own-judgment";
import { buildPairView } from "./pair-view";

/**
 * A pair this annotator already judged, shown as it was shown then (same
 * sides; a ranking item's responses in the order they were ranked in), with
 * their answer (a preference or a ranking): what Undo brings back to be changed.
 * Without `externalId`, the most recent one in the project.
 *
 * @internal caller has checked access
 */
export async function getJudgedPair(options: { userId: string; projectId: string; externalId?: string }): Promise<JudgedPair | null> {
  const judgment = await getOwnJudgment(options);
  if (!judgment) return null;
  const kind = judgment.values.ranking ? "ranking" : "pair";
  return { kind, view: await buildPairView(judgment.item, judgment.shownSwapped ?? false, null, judgment.shownOrder), values: judgment.values };
}
