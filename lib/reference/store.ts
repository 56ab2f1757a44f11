import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import type { ReferenceDraft } from "@/lib/import/datasets";

/**
 * Reference judgments (docs/formats.md, "Reference judgments"): the label a
 * preference dataset came with, stored in their own table so that nothing
 * reading Judgment (serving, overlap, consensus, agreement, leaderboard) can
 * count them.
 */

/**
 * Stores the references of a batch of items just inserted by an import (by
 * their external ids), in one statement right after the batch's INSERT. An
 * all-or-nothing import that fails deletes its items, and these with them
 * (ON DELETE CASCADE). An item that already has a reference from the same
 * source keeps it.
 *
 * @internal caller has checked access
 */
export async function insertReferenceJudgments(projectId: string, batch: ReadonlyArray<{ id: string; reference?: ReferenceDraft | null }>): Promise<number> {
  const ids: string[] = [];
  const externalIds: string[] = [];
  const sources: string[] = [];
  const preferences: number[] = [];
  const prefix = `r${randomBytes(6).toString("hex")}`;
  for (const pending of batch) {
    if (!pending.reference) continue;
    ids.push(`${prefix}${ids.length.toString(36).padStart(6, "0")}`);
    externalIds.push(pending.id);
    sources.push(pending.reference.source);
    preferences.push(pending.reference.preference);
  }
  if (ids.length === 0) return 0;
  return db.$executeRawUnsafe(
    `INSERT INTO "ReferenceJudgment" ("id", "projectId", "itemId", "source", "preference")
     SELECT t.id, $1, i."id", t.source, t.preference
     FROM unnest($2::text[], $3::text[], $4::text[], $5::int[]) AS t(id, external_id, source, preference)
     -- LATERAL: one index lookup per row, never a scan of the project's items per batch.
     CROSS JOIN LATERAL (SELECT "id" FROM "Item" WHERE "projectId" = $1 AND "externalId" = t.external_id) i
     ON CONFLICT ("itemId", "source") DO NOTHING`,
    projectId,
    ids,
    externalIds,
    sources,
    preferences,
  );
}

export type StoredReference = { itemId: string; source: string; preference: number; createdAt: Date };

/**
 * The references of these items (Item.id), the first source by name per item.
 *
 * @internal caller has checked access
 */
export async function readReferences(projectId: string, itemIds: readonly string[]): Promise<Map<string, StoredReference>> {
  const out = new Map<string, StoredReference>();
  if (itemIds.length === 0) return out;
  const rows = await db.referenceJudgment.findMany({
    where: { projectId, itemId: { in: [...itemIds] } },
    select: { itemId: true, source: true, preference: true, createdAt: true },
    orderBy: [{ itemId: "asc" }, { source: "asc" }],
  });
  for (const row of rows) if (!out.has(row.itemId)) out.set(row.itemId, row);
  return out;
}

/**
 * Whether the project holds any reference judgment (the agreement page shows its section only then).
 *
 * @internal caller has checked access
 */
export async function hasReferences(projectId: string): Promise<boolean> {
  return (await db.referenceJudgment.findFirst({ where: { projectId }, select: { id: true } })) !== null;
}

/**
 * One item's reference labels (by external id), for the lead's item page.
 *
 * @internal caller has checked access
 */
export async function readItemReferences(projectId: string, externalId: string): Promise<{ source: string; preference: number }[]> {
  return db.referenceJudgment.findMany({
    where: { projectId, item: { projectId, externalId } },
    select: { source: true, preference: true },
    orderBy: { source: "asc" },
  });
}

/**
 * Whether any item of the project carries an imported reference label (the
 * export page shows the source options only then).
 *
 * @internal caller has checked access
 */
export async function projectHasReferences(projectId: string): Promise<boolean> {
  const row = await db.referenceJudgment.findFirst({ where: { projectId }, select: { id: true } });
  return row !== null;
}
