import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isAdmin, type Actor } from "@/lib/permissions";
import { decodeCursor, encodeCursor, pageLimit } from "@/lib/pagination/cursor";
import type { ProjectSummary } from "@/lib/validations/project-response";
import { toProjectJson } from "./project-json";
import { readProjectProgress } from "./read-project-progress";

export type ProjectList = { projects: ProjectSummary[]; next_cursor: string | null };

/**
 * The projects an actor runs, newest first, with progress: every project for
 * an admin, the projects they lead for a lead. Annotators have their own list
 * (listMyProjects). Two queries per page whatever its size.
 */
export async function listProjects(options: { actor: Actor; cursor?: string; limit?: number }): Promise<ProjectList> {
  const { actor } = options;
  if (actor.role === "ANNOTATOR") throw new AppError("forbidden", "The project list is for project leads and admins.");
  const limit = pageLimit(options.limit, { fallback: 50, max: 200 });
  const after = decodeCursor(options.cursor);
  const where: Prisma.ProjectWhereInput = {
    ...(isAdmin(actor) ? {} : { memberships: { some: { userId: actor.id, role: "LEAD" } } }),
    ...(after
      ? { OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] }
      : {}),
  };
  const rows = await db.project.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    omit: { guidelines: true },
  });
  const page = rows.slice(0, limit);
  const progress = await readProjectProgress(page);
  const projects = page.map((project) => {
    const { guidelines: _guidelines, ...json } = toProjectJson({ ...project, guidelines: "" });
    return { ...json, progress: progress.get(project.id)! };
  });
  const last = page[page.length - 1];
  return { projects, next_cursor: rows.length > limit && last ? encodeCursor(last) : null };
}
