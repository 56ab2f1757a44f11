import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { StoppingRule } from "./stopping-rule";

/**
 * The items of a project that a user could be handed now, as a WHERE clause
 * on `"Item" i`. Shared by leaseNextItem (which locks one of them) and
 * getAnnotatorProgress (which counts them), so "available" means the same
 * thing in both.
 *
 * - `stopReason IS NULL`: the item is not finished by the project's stopping
 *   rule (lib/assignment/stopping-rule.ts; a fixed overlap N is the rule
 *   k = K = N). Triggers on Judgment and Project keep that column and the
 *   votes it is decided from on the item row (migration
 *   20261129100300_adaptive_overlap), so every writer of judgments is caught.
 * - `judgmentCount < K` is implied by an open item but is what the planner
 *   turns into a range on the partial index "Item_open_candidates_idx"
 *   (projectId, judgmentCount, createdAt) WHERE stopReason IS NULL AND
 *   goldPreference IS NULL: finished items are never visited, however many.
 * - `activeLeases < GREATEST(k - judgmentCount, 1)`: the item's current
 *   target is k until k judgments are in, then one more at a time while the
 *   rule has not fired (an open item has fewer than K, so never past K).
 *   Open leases count as taken slots, so the target is never passed: the
 *   lease locks this row and PostgreSQL rechecks the clause on the latest
 *   version (claim-item.ts).
 * - Gold items (goldPreference or goldRanking set) are never candidates: they are served only
 *   as checks (lib/quality/lease-check.ts), answered into CheckAnswer, and so
 *   never count toward overlap, agreement or exports.
 * - The NOT EXISTS probes are single lookups on the unique (itemId, userId)
 *   indexes of Judgment, Skip and Assignment.
 * - The excluded ids are array parameters, so the statement's text is the
 *   same however many there are: the lease runs as a named prepared
 *   statement whose plan PostgreSQL caches per connection (lib/db/prepared.ts).
 *
 * @internal caller has checked access
 */
export function candidateItemsWhere(options: {
  projectId: string;
  userId: string;
  /** The project's rule (stoppingRuleOf); only k and K matter here. */
  rule: Pick<StoppingRule, "overlapMin" | "overlapMax">;
  excludeItemIds?: readonly string[];
  /** The same by external id, as the annotation screen knows its items. */
  excludeExternalIds?: readonly string[];
}): Prisma.Sql {
  const { projectId, userId, rule, excludeItemIds = [], excludeExternalIds = [] } = options;
  return Prisma.sql`
    i."projectId" = ${projectId}
    AND i."goldPreference" IS NULL AND i."goldRanking" IS NULL
    AND i."stopReason" IS NULL
    AND i."judgmentCount" < ${rule.overlapMax}::int
    AND i."activeLeases" < GREATEST(${rule.overlapMin}::int - i."judgmentCount", 1)
    ${excludedItemsSql({ excludeItemIds, excludeExternalIds })}
    AND NOT EXISTS (SELECT 1 FROM "Judgment" j WHERE j."itemId" = i."id" AND j."userId" = ${userId})
    AND NOT EXISTS (SELECT 1 FROM "Skip" s WHERE s."itemId" = i."id" AND s."userId" = ${userId})
    AND NOT EXISTS (
      SELECT 1 FROM "Assignment" a WHERE a."itemId" = i."id" AND a."userId" = ${userId} AND a."open"
    )`;
}

/**
 * `AND` the item is none of these (internal ids, external ids), as two array
 * parameters: one SQL text for any number of ids, none included.
 */
export function excludedItemsSql(options: { excludeItemIds?: readonly string[]; excludeExternalIds?: readonly string[] }): Prisma.Sql {
  return Prisma.sql`AND i."id" <> ALL(${[...(options.excludeItemIds ?? [])]}::text[])
    AND i."externalId" <> ALL(${[...(options.excludeExternalIds ?? [])]}::text[])`;
}
