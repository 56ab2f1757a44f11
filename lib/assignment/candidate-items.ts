import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * The items of a project that a user could be handed now, as a WHERE clause
 * on `"Item" i`. Shared by leaseNextItem (which locks one of them) and
 * getAnnotatorProgress (which counts them), so "available" means the same
 * thing in both.
 *
 * - `judgmentCount < overlap` is redundant with the next line but is what the
 *   planner can turn into a range on Item(projectId, judgmentCount, createdAt):
 *   full items are never visited, however many there are.
 * - `judgmentCount + activeLeases < overlap` counts open leases as taken
 *   slots, so the overlap is never passed.
 * - Gold items (goldPreference or goldRanking set) are never candidates: they are served only
 *   as checks (lib/quality/lease-check.ts), answered into CheckAnswer, and so
 *   never count toward overlap, agreement or exports.
 * - The NOT EXISTS probes are single lookups on the unique (itemId, userId)
 *   indexes of Judgment, Skip and Assignment.
 *
 * @internal caller has checked access
 */
export function candidateItemsWhere(options: {
  projectId: string;
  userId: string;
  overlap: number;
  excludeItemIds?: readonly string[];
  /** The same by external id, as the annotation screen knows its items. */
  excludeExternalIds?: readonly string[];
}): Prisma.Sql {
  const { projectId, userId, overlap, excludeItemIds = [], excludeExternalIds = [] } = options;
  const excluded = Prisma.sql`${
    excludeItemIds.length ? Prisma.sql`AND i."id" NOT IN (${Prisma.join([...excludeItemIds])})` : Prisma.empty
  } ${excludeExternalIds.length ? Prisma.sql`AND i."externalId" NOT IN (${Prisma.join([...excludeExternalIds])})` : Prisma.empty}`;
  return Prisma.sql`
    i."projectId" = ${projectId}
    AND i."goldPreference" IS NULL AND i."goldRanking" IS NULL
    AND i."judgmentCount" < ${overlap}
    AND i."judgmentCount" + i."activeLeases" < ${overlap}
    ${excluded}
    AND NOT EXISTS (SELECT 1 FROM "Judgment" j WHERE j."itemId" = i."id" AND j."userId" = ${userId})
    AND NOT EXISTS (SELECT 1 FROM "Skip" s WHERE s."itemId" = i."id" AND s."userId" = ${userId})
    AND NOT EXISTS (
      SELECT 1 FROM "Assignment" a WHERE a."itemId" = i."id" AND a."userId" = ${userId} AND a."open"
    )`;
}
