import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { SkipItemInput } from "@/lib/validations/judgment";
import { releaseLeases } from "@/lib/assignment/release-leases";
import { skipHeldCheck } from "@/lib/quality/skip-check";

/**
 * The annotator passes on an item (unreadable, out of their depth, …): the
 * skip is recorded with its reason, their open lease is closed and its slot
 * freed, and the item is never offered to them again. Idempotent: skipping
 * again changes nothing and answers `created: false` (the first reason stays).
 *
 * @internal caller has checked access
 */
export async function skipItem(options: {
  userId: string;
  projectId: string;
  input: SkipItemInput;
  now?: Date;
}): Promise<{ created: boolean }> {
  const { userId, projectId, input, now = new Date() } = options;
  const item = await db.item.findUnique({
    where: { projectId_externalId: { projectId, externalId: input.item_id } },
    select: { id: true, judgments: { where: { userId }, select: { id: true } } },
  });
  if (!item) throw new AppError("not_found", `No item "${input.item_id}" in this project.`);
  // A gold item or a re-check on screen: the check lease closes, and the answer looks like any skip.
  if (await skipHeldCheck({ userId, projectId, itemId: item.id })) return { created: true };
  // A judged item is never offered again anyway; a skip on top would count it twice in progress.
  if (item.judgments.length) throw new AppError("conflict", "You have already judged this item; it cannot be skipped.");

  return db.$transaction(
    async (tx) => {
      // ON CONFLICT DO NOTHING: a concurrent second skip is not an error.
      const inserted = await tx.skip.createMany({
        data: [{ itemId: item.id, userId, reason: input.reason }],
        skipDuplicates: true,
      });
      await releaseLeases({ itemId: item.id, userId }, { tx, completedAt: now });
      return { created: inserted.count > 0 };
    },
    { maxWait: 10_000, timeout: 20_000 },
  );
}
