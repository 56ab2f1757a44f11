import "server-only";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * Releasing a lease means two writes that must agree: the Assignment row is
 * closed (`open = false`) and its item's `activeLeases` goes down by one.
 * Every path that ends a lease (submit, skip, reclaim, disabling a user,
 * removing a member) does it here, so the rule is written once:
 *
 * - **Lock order: Assignment rows first (in item order), then Item rows.**
 *   Every releaser takes them in this order, so two releasers never wait on
 *   each other crosswise. (Leasing, in claimItem, locks the Item row first,
 *   but the only Assignment row it writes is the leasing user's own, for an
 *   item that user does not hold open.)
 * - Only a lease that was still open is taken off the counter, so a lease is
 *   never taken off twice (a reclaimed lease whose judgment arrives late,
 *   a skip repeated, two admins removing the same member).
 * - The counter never goes below zero, whatever a past bug left behind.
 */
export function releaseLeasesSql(options: {
  /** A SELECT of the assignments to close, with columns `id` and `open` (the value before this statement). */
  target: Prisma.Sql;
  /** Set `completedAt` (submit, skip); a reclaimed lease keeps null so the row can be reopened. */
  completedAt?: Date;
  /** Count one judgment on the item of each closed assignment (submit). */
  judged?: boolean;
}): Prisma.Sql {
  const completed = options.completedAt ? Prisma.sql`, "completedAt" = ${options.completedAt}` : Prisma.empty;
  const judged = options.judged ? Prisma.sql`, "judgmentCount" = i."judgmentCount" + c."closed"` : Prisma.empty;
  return Prisma.sql`closed AS (
      UPDATE "Assignment" a SET "open" = false ${completed}
      FROM (${options.target}) t
      WHERE a."id" = t."id"
      RETURNING a."itemId", t."open" AS "wasOpen"
    ), freed AS (
      UPDATE "Item" i SET "activeLeases" = GREATEST(i."activeLeases" - c."released", 0) ${judged}
      FROM (
        SELECT "itemId", count(*) FILTER (WHERE "wasOpen")::int AS "released", count(*)::int AS "closed"
        FROM closed GROUP BY "itemId"
      ) c
      WHERE i."id" = c."itemId"
      RETURNING i."id"
    )`;
}

export type LeaseScope = {
  userId?: string;
  itemId?: string;
  projectId?: string;
  /** Only leases that expired before this moment (reclaiming). */
  expiredBefore?: Date;
};

/**
 * Closes every open lease in the scope (a user's, an item's, a project's, a
 * member's in a project: the fields combine with AND) and frees their slots,
 * in one statement. Returns how many leases were released.
 *
 * `skipLocked` passes over leases another transaction is working on (a
 * submit in flight), for the background reclaim; `gateKey` lets one such
 * caller at a time do the work (a non-blocking advisory lock held until the
 * transaction ends), the others release nothing and move on.
 *
 * @internal caller has checked access
 */
export async function releaseLeases(
  scope: LeaseScope,
  options: { tx?: Tx; completedAt?: Date; skipLocked?: boolean; gateKey?: number } = {},
): Promise<number> {
  const { userId, itemId, projectId, expiredBefore } = scope;
  if (!userId && !itemId && !projectId && !expiredBefore) throw new Error("releaseLeases needs a scope: refusing to release every lease.");
  const conditions: Prisma.Sql[] = [Prisma.sql`a."open"`];
  if (userId) conditions.push(Prisma.sql`a."userId" = ${userId}`);
  if (itemId) conditions.push(Prisma.sql`a."itemId" = ${itemId}`);
  if (projectId) conditions.push(Prisma.sql`a."itemId" IN (SELECT "id" FROM "Item" WHERE "projectId" = ${projectId})`);
  if (expiredBefore) conditions.push(Prisma.sql`a."expiresAt" < ${expiredBefore}`);
  if (options.gateKey !== undefined) conditions.push(Prisma.sql`(SELECT ok FROM gate)`);
  const gate = options.gateKey !== undefined ? Prisma.sql`gate AS (SELECT pg_try_advisory_xact_lock(${options.gateKey}::bigint) AS ok),` : Prisma.empty;
  const target = Prisma.sql`
    SELECT a."id", a."open" FROM "Assignment" a
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY a."itemId"
    FOR UPDATE OF a ${options.skipLocked ? Prisma.sql`SKIP LOCKED` : Prisma.empty}`;
  const rows = await (options.tx ?? db).$queryRaw<{ count: number }[]>`
    WITH ${gate} ${releaseLeasesSql({ target, completedAt: options.completedAt })}
    SELECT count(*)::int AS count FROM closed WHERE "wasOpen"`;
  return rows[0]?.count ?? 0;
}
