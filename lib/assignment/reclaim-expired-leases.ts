import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

/** Any constant works; it only has to be the same in every process. */
const RECLAIM_LOCK_KEY = 7_340_117;

/**
 * Returns abandoned work to the pool: closes every open assignment whose lease
 * has expired (`open = false`, `completedAt` stays null so the row can be
 * reopened later) and takes it off its item's `activeLeases`, in one
 * statement. Returns how many leases were closed. Cheap when there is nothing
 * to do: the scan is an index range on Assignment(open, expiresAt).
 *
 * A judgment that arrives after this is still kept (see submitJudgment); it
 * then finds its assignment closed and leaves `activeLeases` alone, so the
 * lease is never taken off the counter twice.
 *
 * @internal caller has checked access
 */
export async function reclaimExpiredLeases(
  options: { projectId?: string; now?: Date } = {},
): Promise<number> {
  const { projectId, now = new Date() } = options;
  const inProject = projectId
    ? Prisma.sql`JOIN "Item" i ON i."id" = a."itemId" AND i."projectId" = ${projectId}`
    : Prisma.empty;
  // Why the gate: every lease call reclaims first, so under load many
  // reclaimers run at once. SKIP LOCKED already gives them disjoint
  // assignments, but two of them could still decrement the same two items in
  // opposite orders and deadlock. A non-blocking advisory lock lets one
  // reclaimer work at a time; the others find nothing to do and move on
  // (whatever is left is reclaimed by the next call). Run on its own, never
  // inside a longer transaction: the gate is held until the transaction ends.
  const rows = await db.$queryRaw<{ count: number }[]>`
    WITH gate AS (
      SELECT pg_try_advisory_xact_lock(${RECLAIM_LOCK_KEY}::bigint) AS ok
    ), expired AS (
      SELECT a."id"
      FROM "Assignment" a ${inProject}
      WHERE a."open" AND a."expiresAt" < ${now} AND (SELECT ok FROM gate)
      FOR UPDATE OF a SKIP LOCKED
    ), closed AS (
      UPDATE "Assignment" a SET "open" = false
      FROM expired e
      WHERE a."id" = e."id" AND a."open"
      RETURNING a."itemId"
    ), freed AS (
      UPDATE "Item" i SET "activeLeases" = i."activeLeases" - c.n
      FROM (SELECT "itemId", count(*)::int AS n FROM closed GROUP BY "itemId") c
      WHERE i."id" = c."itemId"
      RETURNING i."id"
    )
    SELECT count(*)::int AS count FROM closed`;
  return rows[0]?.count ?? 0;
}
