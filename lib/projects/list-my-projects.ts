import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { readProjectProgress } from "./read-project-progress";
import type { Actor } from "@/lib/permissions";

export type MyProject = {
  slug: string;
  name: string;
  description: string;
  status: string;
  role: "LEAD" | "ANNOTATOR";
  items: number;
  myJudgments: number;
  judgments: number;
  wanted: number;
};

/** The projects an actor is a member of, with their own and the project's progress. */
export async function listMyProjects(actor: Actor): Promise<MyProject[]> {
  const memberships = await db.membership.findMany({
    where: { userId: actor.id, project: { status: { not: "ARCHIVED" } } },
    select: {
      role: true,
      project: { select: { id: true, slug: true, name: true, description: true, status: true, overlap: true } },
    },
    orderBy: { createdAt: "asc" },
  });
  const projectIds = memberships.map((m) => m.project.id);
  if (!projectIds.length) return [];
  const [progress, mine] = await Promise.all([
    readProjectProgress(memberships.map((m) => m.project)),
    // My judgments per project in one grouped query.
    db.$queryRaw<{ projectId: string; n: bigint }[]>`
      SELECT i."projectId", count(*)::bigint AS n
      FROM "Judgment" j JOIN "Item" i ON i."id" = j."itemId"
      WHERE j."userId" = ${actor.id} AND i."projectId" IN (${Prisma.join(projectIds)})
      GROUP BY i."projectId"`.then((rows) => new Map(rows.map((r) => [r.projectId, Number(r.n)]))),
  ]);
  return memberships.map(({ role, project }) => {
    const p = progress.get(project.id);
    return {
      slug: project.slug,
      name: project.name,
      description: project.description,
      status: project.status,
      role,
      items: p?.items ?? 0,
      myJudgments: mine.get(project.id) ?? 0,
      judgments: p?.judgments ?? 0,
      wanted: p?.wanted ?? 0,
    };
  });
}
