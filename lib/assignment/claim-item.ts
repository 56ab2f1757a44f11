import "server-only";
import { db, queryPrepared } from "@/lib/db";
import { excludedItemsSql } from "./candidate-items";
import { Prisma } from "@/lib/generated/prisma/client";
import { newRowId } from "./new-row-id";

/** The item's texts; `responses` is set for a ranking item ([{text, model?}], responseA/B empty). */
export type LeasedPair = { prompt: unknown; responseA: string; responseB: string; responses: unknown };

export type Lease = {
  assignmentId: string;
  itemId: string;
  externalId: string;
  /** True when the item's response B is shown on the left. */
  swapped: boolean;
  /** A ranking item: the display order of this lease (display position -> item index); empty for a pair. */
  displayOrder: number[];
  expiresAt: Date;
  /** True when the user already held this lease (a reload, or the prefetched next pair). */
  resumed: boolean;
  /** The item's texts, read in the same statement, so showing the pair costs no second query. */
  pair: LeasedPair;
};

type Row = {
  kind: "held" | "leased" | "raced";
  assignmentId: string | null;
  itemId: string;
  externalId: string;
  swapped: boolean | null;
  displayOrder: number[] | null;
  expiresAt: Date | null;
} & LeasedPair;

/**
 * One statement, one round trip: the lease the user already holds in the
 * project (other than the excluded items), or else the best candidate item,
 * locked, with the user's assignment opened on it and the lease counted on
 * the item; and either way the item's texts. Null when no candidate could be
 * locked. (It used to be six round trips in an interactive transaction; under
 * load the round trips, not the work, were the cost: see bench/RESULTS.md.)
 *
 * Why the overlap cannot be passed: the counters live on the item row we lock.
 * A concurrent lease either finds the row locked and skips it (SKIP LOCKED),
 * or, if our statement has committed in the meantime, locks the latest row
 * version, on which PostgreSQL rechecks the whole WHERE clause (EvalPlanQual)
 * with our increment of activeLeases already in it. Submits and skips update
 * the same row, so they are serialized with leases the same way.
 *
 * FOR NO KEY UPDATE rather than FOR UPDATE: it conflicts with every other
 * lease and counter update just the same, but not with the KEY SHARE locks
 * that inserting a Judgment, Skip or Assignment takes on the item through its
 * foreign key, so a lease never skips an item only because someone is saving
 * a judgment of it.
 *
 * @internal caller has checked access
 */
export async function claimItem(options: {
  userId: string;
  projectId: string;
  candidates: Prisma.Sql;
  excludeItemIds: readonly string[];
  excludeExternalIds: readonly string[];
  swapped: boolean;
  /**
   * A random permutation of 0..8: a ranking item of K responses is shown in
   * this order with the indices ≥ K left out, which is a uniform permutation
   * of 0..K-1 (the statement learns K only when it picks the item).
   */
  order9: readonly number[];
  now: Date;
  expiresAt: Date;
  /** The project's `sampling` is "leaderboard": try the items of the least settled model pair first. */
  leaderboardSampling?: boolean;
}): Promise<Lease | null> {
  const { userId, projectId, candidates, swapped, now, expiresAt } = options;
  const order9 = [...options.order9];
  const heldExcluded = excludedItemsSql(options);
  // A closed row for this (item, user) is a lease that expired and was
  // reclaimed: ON CONFLICT reopens it with a fresh side order and expiry. An
  // open one means the same user leased it from another tab since our
  // snapshot: nothing is written, and the row comes back as "raced".
  // A named prepared statement on the driver (lib/db/prepared.ts): its text is fixed
  // per sampling mode (the excluded ids are array parameters), so its plan is cached.
  const rows = await queryPrepared<Row>(options.leaderboardSampling ? "pw_lease_sampled" : "pw_lease", Prisma.sql`
    WITH held AS (
      SELECT a."id", a."itemId", a."swapped", a."displayOrder", a."expiresAt"
      FROM "Assignment" a JOIN "Item" i ON i."id" = a."itemId"
      WHERE a."userId" = ${userId} AND a."open" AND a."expiresAt" > ${now} AND i."projectId" = ${projectId} ${heldExcluded}
      ORDER BY a."leasedAt" LIMIT 1
    ), ${options.leaderboardSampling ? sampledPick(projectId, candidates) : uniformPick(candidates)}, leased AS (
      INSERT INTO "Assignment" ("id", "itemId", "userId", "swapped", "displayOrder", "leasedAt", "expiresAt", "open", "completedAt")
      SELECT ${newRowId()}, p."id", ${userId}, ${swapped},
             CASE WHEN i."responses" IS NULL THEN ARRAY[]::int[]
                  ELSE ARRAY(SELECT o.x FROM unnest(${order9}::int[]) WITH ORDINALITY AS o(x, n)
                             WHERE o.x < jsonb_array_length(i."responses") ORDER BY o.n) END,
             ${now}, ${expiresAt}, true, NULL
      FROM picked p JOIN "Item" i ON i."id" = p."id"
      ON CONFLICT ("itemId", "userId") DO UPDATE
        SET "swapped" = EXCLUDED."swapped", "displayOrder" = EXCLUDED."displayOrder", "leasedAt" = EXCLUDED."leasedAt", "expiresAt" = EXCLUDED."expiresAt", "open" = true, "completedAt" = NULL
        WHERE NOT "Assignment"."open"
      RETURNING "id", "itemId", "swapped", "displayOrder", "expiresAt"
    ), counted AS (
      UPDATE "Item" i SET "activeLeases" = i."activeLeases" + 1 FROM leased l WHERE i."id" = l."itemId" RETURNING i."id"
    )
    SELECT r."kind", r."assignmentId", i."id" AS "itemId", i."externalId", r."swapped", r."displayOrder", r."expiresAt",
           i."prompt", i."responseA", i."responseB", i."responses"
    FROM (
      SELECT 'held' AS "kind", h."id" AS "assignmentId", h."itemId", h."swapped", h."displayOrder", h."expiresAt" FROM held h
      UNION ALL SELECT 'leased', l."id", l."itemId", l."swapped", l."displayOrder", l."expiresAt" FROM leased l
      UNION ALL SELECT 'raced', NULL, p."id", NULL, NULL, NULL FROM picked p WHERE NOT EXISTS (SELECT 1 FROM leased)
    ) r JOIN "Item" i ON i."id" = r."itemId"`);
  const row = rows[0];
  if (!row) return null;
  const pair = { prompt: row.prompt, responseA: row.responseA, responseB: row.responseB, responses: row.responses };
  if (row.kind === "raced") {
    const existing = await db.assignment.findUnique({
      where: { itemId_userId: { itemId: row.itemId, userId } },
      select: { id: true, swapped: true, displayOrder: true, expiresAt: true },
    });
    if (!existing) return null;
    return { assignmentId: existing.id, itemId: row.itemId, externalId: row.externalId, swapped: existing.swapped, displayOrder: existing.displayOrder, expiresAt: existing.expiresAt, resumed: true, pair };
  }
  return {
    assignmentId: row.assignmentId!,
    itemId: row.itemId,
    externalId: row.externalId,
    swapped: row.swapped!,
    displayOrder: row.displayOrder ?? [],
    expiresAt: row.expiresAt!,
    resumed: row.kind === "held",
    pair,
  };
}

/** Today's order: the fewest judgments, then the oldest (index Item(projectId, judgmentCount, createdAt)). */
function uniformPick(candidates: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`picked AS (
      SELECT i."id" FROM "Item" i
      WHERE NOT EXISTS (SELECT 1 FROM held) AND ${candidates}
      ORDER BY i."judgmentCount", i."createdAt"
      LIMIT 1
      FOR NO KEY UPDATE SKIP LOCKED
    )`;
}

/**
 * Leaderboard sampling (docs/formats.md): the project's few ModelPairPriority
 * rows are ordered by tier and a weighted random race (the same key as
 * samplingOrder in lib/ranking/pair-priority.ts), and for each pair in turn
 * the lateral probe takes the pair's first candidate in (judgmentCount,
 * createdAt) order straight from the expression index on (projectId,
 * LEAST(modelA, modelB), GREATEST(…), judgmentCount, createdAt). The nested
 * loop stops at the first pair that yields a lockable item, so no candidate
 * set is ever sorted by a joined priority, and only that one item is locked.
 * Items of no listed pair (no models, a pair new since the last recompute)
 * come after every listed pair, in the uniform order.
 */
function sampledPick(projectId: string, candidates: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`ranked AS (
      SELECT p."modelLow", p."modelHigh", p."tier", -ln(1 - random()) / p."weight" AS "race"
      FROM "ModelPairPriority" p
      WHERE p."projectId" = ${projectId} AND NOT EXISTS (SELECT 1 FROM held)
    ), by_pair AS (
      SELECT c."id" FROM (SELECT * FROM ranked ORDER BY "tier", "race" OFFSET 0) r
      CROSS JOIN LATERAL (
        SELECT i."id" FROM "Item" i
        WHERE LEAST(i."modelA", i."modelB") = r."modelLow" AND GREATEST(i."modelA", i."modelB") = r."modelHigh"
          AND ${candidates}
        ORDER BY i."judgmentCount", i."createdAt"
        LIMIT 1
        FOR NO KEY UPDATE SKIP LOCKED
      ) c
      LIMIT 1
    ), unlisted AS (
      SELECT i."id" FROM "Item" i
      WHERE NOT EXISTS (SELECT 1 FROM held) AND NOT EXISTS (SELECT 1 FROM by_pair) AND ${candidates}
      ORDER BY i."judgmentCount", i."createdAt"
      LIMIT 1
      FOR NO KEY UPDATE SKIP LOCKED
    ), picked AS (
      SELECT b."id" FROM by_pair b UNION ALL SELECT u."id" FROM unlisted u
    )`;
}
