import type { JudgedPair } from "@/lib/validations/annotate-response";
import { getOwnJudgment } from "./get-own-judgment";
import { buildPairView } from "./pair-view";

/**
 * A pair this annotator already judged, shown as it was shown then (same
 * sides), with their answer: what Undo brings back to be changed.
 * Without `externalId`, the most recent one in the project.
 *
 * @internal caller has checked access
 */
export async function getJudgedPair(options: { userId: string; projectId: string; externalId?: string }): Promise<JudgedPair | null> {
  const judgment = await getOwnJudgment(options);
  if (!judgment) return null;
  return { view: await buildPairView(judgment.item, judgment.shownSwapped ?? false, null), values: judgment.values };
}
