import "server-only";
import type { Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export type Lease = {
  assignmentId: string;
  itemId: string;
  externalId: string;
  /** True when the item's response B is shown on the left. */
  swapped: boolean;
  expiresAt: Date;
  /** True when the user already held this lease (a reload, or the prefetched next pair). */
  resumed: boolean;
};

/**
 * Inside leaseNextItem's transaction: lock the best candidate item, open the
 * user's assignment on it and count the lease on the item. Null when no
 * candidate could be locked.
 *
 * Why the overlap cannot be passed: the counters live on the item row we lock.
 * A concurrent lease either finds the row locked and skips it (SKIP LOCKED),
 * or, if our transaction has committed in the meantime, locks the latest row
 * version, on which PostgreSQL rechecks the whole WHERE clause (EvalPlanQual)
 * with our increment of activeLeases already in it. Submits and skips update
 * the same row, so they are serialized with leases the same way.
 *
 * FOR NO KEY UPDATE rather than FOR UPDATE: it conflicts with every other
 * lease and counter update just the same, but not with the KEY SHARE locks
 * that inserting a Judgment, Skip or Assignment takes on the item through its
 * foreign key, so a lease never skips an item only because someone is saving
 * a judgment of it.
 */
export async function claimItem(
  tx: Tx,
  options: { userId: string; candidates: Prisma.Sql; swapped: boolean; now: Date; expiresAt: Date },
): Promise<Lease | null> {
  const { userId, candidates, swapped, now, expiresAt } = options;
  const [item] = await tx.$queryRaw<{ id: string; externalId: string }[]>`
    SELECT i."id", i."externalId"
    FROM "Item" i
    WHERE ${candidates}
    ORDER BY i."judgmentCount", i."createdAt"
    LIMIT 1
    FOR NO KEY UPDATE SKIP LOCKED`;
  if (!item) return null;

  const key = { itemId_userId: { itemId: item.id, userId } };
  const existing = await tx.assignment.findUnique({ where: key, select: { id: true, open: true, swapped: true, expiresAt: true } });
  if (existing?.open) {
    // The same user leasing from two tabs at once: the other tab's lease
    // committed after our snapshot. It is already counted; hand it back.
    return { assignmentId: existing.id, itemId: item.id, externalId: item.externalId, swapped: existing.swapped, expiresAt: existing.expiresAt, resumed: true };
  }
  // A row that exists but is closed is a lease that expired and was
  // reclaimed: it is reopened with a fresh side order and expiry.
  const lease = { swapped, leasedAt: now, expiresAt, open: true, completedAt: null };
  const assignment = await tx.assignment.upsert({
    where: key,
    create: { itemId: item.id, userId, ...lease },
    update: lease,
    select: { id: true },
  });
  await tx.item.update({ where: { id: item.id }, data: { activeLeases: { increment: 1 } }, select: { id: true } });
  return { assignmentId: assignment.id, itemId: item.id, externalId: item.externalId, swapped, expiresAt, resumed: false };
}
