import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import type { RowIds } from "./item-store";

/**
 * The queries of a judgments import, in SQL for the same reason as
 * item-store.ts: one statement per batch, whatever its size.
 */
export type PendingJudgment = {
  itemId: string;
  userId: string;
  preference: number;
  rationale: string;
  flags: string[];
  attributes: Record<string, unknown>;
  shownSwapped: boolean | null;
  durationMs: number | null;
  guidelinesVersion: number;
  createdAt: Date;
};

/**
 * external id → item id, for the ids of the batch that the project holds.
 *
 * @internal caller has checked access
 */
export async function findItemIds(projectId: string, externalIds: string[]): Promise<Map<string, string>> {
  const rows = await db.$queryRawUnsafe<{ id: string; externalId: string }[]>(
    `SELECT "id", "externalId" FROM "Item" WHERE "projectId" = $1 AND "externalId" = ANY($2::text[])`,
    projectId,
    externalIds,
  );
  return new Map(rows.map((row) => [row.externalId, row.id]));
}

export const pairKey = (itemId: string, userId: string) => `${itemId}\u0000${userId}`;

/** The (item, user) pairs of the batch that already have a judgment: what a dry run counts as duplicates. */
export async function findJudgedPairs(pairs: Array<{ itemId: string; userId: string }>): Promise<Set<string>> {
  if (pairs.length === 0) return new Set();
  const rows = await db.$queryRawUnsafe<{ itemId: string; userId: string }[]>(
    `SELECT "itemId", "userId" FROM "Judgment" WHERE ("itemId", "userId") IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
    pairs.map((p) => p.itemId),
    pairs.map((p) => p.userId),
  );
  return new Set(rows.map((row) => pairKey(row.itemId, row.userId)));
}

/**
 * The client id of an imported judgment: derived from the project, item and
 * user, so importing the same file again meets the unique index instead of
 * adding a row, whatever the file's order or the annotators' spelling.
 *
 * @internal caller has checked access
 */
export function importClientId(projectId: string, itemId: string, userId: string): string {
  return "import-" + createHash("sha256").update(`${projectId}\u0000${itemId}\u0000${userId}`).digest("hex").slice(0, 32);
}

/**
 * Inserts the batch and adds what was inserted to each item's judgmentCount,
 * in one statement. ON CONFLICT DO NOTHING leaves a judgment already there
 * untouched (by (item, user) or by client id); the count returned is what was
 * new, so duplicates are counted exactly, also against a concurrent import.
 *
 * @internal caller has checked access
 */
export async function insertJudgments(projectId: string, batch: PendingJudgment[], rowIds: RowIds): Promise<number> {
  if (batch.length === 0) return 0;
  const rows = await db.$queryRawUnsafe<{ n: number }[]>(
    `WITH ins AS (
       INSERT INTO "Judgment" ("id", "itemId", "userId", "preference", "flags", "rationale", "attributes", "guidelinesVersion", "shownSwapped", "durationMs", "clientId", "createdAt", "updatedAt")
       SELECT t.id, t.item_id, t.user_id, t.preference, ARRAY(SELECT jsonb_array_elements_text(t.flags::jsonb)), t.rationale, t.attributes::jsonb,
              t.guidelines_version, t.shown_swapped, t.duration_ms, t.client_id, (t.created_at::timestamptz AT TIME ZONE 'UTC'), now() AT TIME ZONE 'UTC'
       FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::int[], $9::boolean[], $10::int[], $11::text[], $12::text[])
         AS t(id, item_id, user_id, preference, flags, rationale, attributes, guidelines_version, shown_swapped, duration_ms, client_id, created_at)
       ON CONFLICT DO NOTHING
       RETURNING "itemId"
     ), counted AS (
       UPDATE "Item" i SET "judgmentCount" = i."judgmentCount" + c.n
       FROM (SELECT "itemId", count(*)::int AS n FROM ins GROUP BY 1) c WHERE i."id" = c."itemId"
     )
     SELECT count(*)::int AS n FROM ins`,
    batch.map(() => rowIds.next()),
    batch.map((j) => j.itemId),
    batch.map((j) => j.userId),
    batch.map((j) => j.preference),
    batch.map((j) => JSON.stringify(j.flags)),
    batch.map((j) => j.rationale),
    batch.map((j) => JSON.stringify(j.attributes)),
    batch.map((j) => j.guidelinesVersion),
    batch.map((j) => j.shownSwapped),
    batch.map((j) => j.durationMs),
    batch.map((j) => importClientId(projectId, j.itemId, j.userId)),
    batch.map((j) => j.createdAt.toISOString()),
  );
  return Number(rows[0]?.n ?? 0);
}

/** Undo for a failed all-or-nothing import: the judgments of that run, and their counts on the items. */
export async function deleteJudgmentRun(rowIds: RowIds): Promise<void> {
  await db.$executeRawUnsafe(
    `WITH d AS (DELETE FROM "Judgment" WHERE "id" LIKE $1 RETURNING "itemId")
     UPDATE "Item" i SET "judgmentCount" = i."judgmentCount" - c.n
     FROM (SELECT "itemId", count(*)::int AS n FROM d GROUP BY 1) c WHERE i."id" = c."itemId"`,
    `${rowIds.prefix}%`,
  );
}
