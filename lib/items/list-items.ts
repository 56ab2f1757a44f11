import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { decodeCursor, encodeCursor, pageLimit } from "@/lib/pagination/cursor";
import type { ItemListEntry, ItemListPage, ItemState } from "@/lib/validations/item-list";
import { stoppingRuleOf, stoppingRuleSelect } from "@/lib/assignment/stopping-rule";

export type ListItemsOptions = {
  projectId: string;
  cursor?: string;
  limit?: number;
  /** Case-insensitive substring of the prompt text or the external id. */
  search?: string;
  judgments?: { min?: number; max?: number };
  gold?: boolean;
  /** Exact model name, on either side. */
  model?: string;
  /** true: items skipped by at least one annotator; false: items nobody skipped. */
  skipped?: boolean;
  /** By the stopping rule's state (Item.stopReason; "disagreeing": open with at least k judgments). */
  state?: ItemState;
};

const PREVIEW_CHARS = 200;

/**
 * One page of a project's items in import order, for the items table and
 * `GET …/items`. The caller checks access (leads and admins: the table shows
 * model names). Keyset pagination on (createdAt, id), so page 500 costs what
 * page 1 does; the preview is cut in SQL, so a long prompt never leaves the
 * database whole.
 *
 * @internal caller has checked access
 */
export async function listItems(options: ListItemsOptions): Promise<ItemListPage> {
  const limit = pageLimit(options.limit, { fallback: 50, max: 200 });
  const after = decodeCursor(options.cursor);
  const { min, max } = options.judgments ?? {};
  if (min !== undefined && max !== undefined && min > max) throw new AppError("bad_request", "min_judgments must not exceed max_judgments");
  const and: Prisma.ItemWhereInput[] = [{ projectId: options.projectId }];
  if (options.search) {
    // Prisma passes LIKE wildcards through: "100%" must find "100%", not "100 anything".
    const literal = options.search.replace(/[\\%_]/g, (c) => `\\${c}`);
    and.push({
      OR: [
        { promptText: { contains: literal, mode: "insensitive" } },
        { externalId: { contains: literal, mode: "insensitive" } },
      ],
    });
  }
  if (min !== undefined || max !== undefined) and.push({ judgmentCount: { gte: min, lte: max } });
  if (options.gold !== undefined) and.push({ goldPreference: options.gold ? { not: null } : null });
  if (options.skipped !== undefined) and.push({ skips: options.skipped ? { some: {} } : { none: {} } });
  if (options.state) and.push(await stateFilter(options.projectId, options.state));
  if (options.model) and.push({ OR: [{ modelA: options.model }, { modelB: options.model }] });
  // The plain bound first: it is what the index scan starts from (the OR alone is only a filter, bench/plans/items-middle-page.txt).
  if (after) and.push({ createdAt: { gte: after.at } }, { OR: [{ createdAt: { gt: after.at } }, { createdAt: after.at, id: { gt: after.id } }] });

  const rows = await db.item.findMany({
    where: { AND: and },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit + 1,
    select: { id: true, externalId: true, modelA: true, modelB: true, judgmentCount: true, stopReason: true, goldPreference: true, createdAt: true },
  });
  const page = rows.slice(0, limit);
  const previews = page.length
    ? await db.$queryRaw<{ id: string; preview: string }[]>`
        SELECT "id", left("promptText", ${PREVIEW_CHARS}) AS preview FROM "Item" WHERE "id" IN (${Prisma.join(page.map((r) => r.id))})`
    : [];
  const previewOf = new Map(previews.map((row) => [row.id, row.preview]));
  const last = page[page.length - 1];
  return {
    items: page.map((item) => ({
      item_id: item.externalId,
      prompt_preview: previewOf.get(item.id) ?? "",
      model_a: item.modelA,
      model_b: item.modelB,
      judgments: item.judgmentCount,
      stop_reason: (item.stopReason as ItemListEntry["stop_reason"]) ?? null,
      gold_preference: item.goldPreference,
      created_at: item.createdAt.toISOString(),
    })),
    next_cursor: rows.length > limit && last ? encodeCursor(last) : null,
  };
}

async function stateFilter(projectId: string, state: ItemState): Promise<Prisma.ItemWhereInput> {
  switch (state) {
    case "open":
      return { stopReason: null, goldPreference: null };
    case "finished":
      return { stopReason: { not: null } };
    case "early":
      return { stopReason: { in: ["unanimous", "share", "bound"] } };
    case "disagreeing": {
      const project = await db.project.findUnique({ where: { id: projectId }, select: stoppingRuleSelect });
      const k = project ? stoppingRuleOf(project).overlapMin : 1;
      return { stopReason: null, goldPreference: null, judgmentCount: { gte: k } };
    }
  }
}
