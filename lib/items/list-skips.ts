import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { getProjectForActor, type Actor, type ProjectForActor } from "@/lib/permissions";
import { decodeCursor, encodeCursor, pageLimit } from "@/lib/pagination/cursor";
import { annotatorShown } from "./get-item-detail";

export type SkipEntry = {
  /** The item's external id (its page: /admin/projects/{slug}/items/{itemId}). */
  itemId: string;
  /** The prompt's first 120 characters, to recognise the item by. */
  promptPreview: string;
  reason: string;
  /** By name or by pseudonym, as annotatorIdentityScope allows on a page. */
  annotator: { id: string; name: string };
  createdAt: Date;
};

/** `total` counts at most SKIP_COUNT_LIMIT + 1 skips: more than SKIP_COUNT_LIMIT shows as "more than" (`totalIsLowerBound`). */
export type SkipPage = { project: ProjectForActor; skips: SkipEntry[]; nextCursor: string | null; total: number; totalIsLowerBound: boolean };

/** A page view never counts more rows than this (a LIMIT-bounded count). */
export const SKIP_COUNT_LIMIT = 10_000;

const PREVIEW_CHARS = 120;

/**
 * A project's skips, newest first, for its leads and admins (the skips page,
 * `GET /api/v1/projects/{slug}/skips`):
 * why an annotator passed on an item, which item, who and when. Annotators
 * are named only where annotatorIdentityScope says so (admins; leads for the
 * project's current members), otherwise shown by their project pseudonym.
 * Keyset pages on (createdAt, id), descending.
 */
export async function listSkips(options: {
  actor: Actor;
  slug: string;
  cursor?: string;
  limit?: number;
  /** "page" (default): the skips page. "export": the REST API, where only admins see names (annotatorIdentityScope). */
  use?: "page" | "export";
}): Promise<SkipPage> {
  const project = await getProjectForActor({ actor: options.actor, slug: options.slug, access: "lead" });
  const limit = pageLimit(options.limit, { fallback: 50, max: 200 });
  const after = decodeCursor(options.cursor);
  const inProject = { item: { projectId: project.id } };
  const [rows, total] = await Promise.all([
    db.skip.findMany({
      where: after
        ? { ...inProject, createdAt: { lte: after.at }, OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] }
        : inProject,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit + 1,
      select: { id: true, reason: true, createdAt: true, userId: true, user: { select: { name: true } }, item: { select: { id: true, externalId: true } } },
    }),
    // Bounded: a page view never counts every skip of a million-item project.
    db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM (
        SELECT 1 FROM "Skip" s JOIN "Item" i ON i."id" = s."itemId" WHERE i."projectId" = ${project.id} LIMIT ${SKIP_COUNT_LIMIT + 1}
      ) AS bounded`.then((rows) => rows[0]?.n ?? 0),
  ]);
  const page = rows.slice(0, limit);
  const shown = await annotatorShown(options.actor, project, page.map((row) => row.userId), options.use ?? "page");
  // Cut in SQL, as the items table does: a long prompt never leaves the database whole.
  const itemIds = [...new Set(page.map((row) => row.item.id))];
  const previews = itemIds.length
    ? await db.$queryRaw<{ id: string; preview: string }[]>`
        SELECT "id", left("promptText", ${PREVIEW_CHARS}) AS preview FROM "Item" WHERE "id" IN (${Prisma.join(itemIds)})`
    : [];
  const previewOf = new Map(previews.map((row) => [row.id, row.preview]));
  const last = page.at(-1);
  return {
    project,
    total: Math.min(total, SKIP_COUNT_LIMIT),
    totalIsLowerBound: total > SKIP_COUNT_LIMIT,
    skips: page.map((row) => {
      const { id, name } = shown({ id: row.userId, name: row.user.name, email: "" });
      return {
        itemId: row.item.externalId,
        promptPreview: previewOf.get(row.item.id) ?? "",
        reason: row.reason,
        annotator: { id, name },
        createdAt: row.createdAt,
      };
    }),
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
  };
}
