import "server-only";
import { db } from "@/lib/db";

/**
 * A skip of a check the user holds (a gold item or a re-check): the check
 * lease closes unanswered, nothing is recorded as a skip (checks are never
 * counted), and the answer is the same as any skip. False when the user holds
 * no open check on the item.
 *
 * @internal caller has checked access
 */
export async function skipHeldCheck(options: { userId: string; projectId: string; itemId: string }): Promise<boolean> {
  const { count } = await db.checkAnswer.updateMany({
    where: { userId: options.userId, projectId: options.projectId, itemId: options.itemId, open: true, answeredAt: null },
    data: { open: false },
  });
  return count > 0;
}
