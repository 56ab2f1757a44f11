import { db } from "@/lib/db";
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
  const [itemStats, mine] = await Promise.all([
    db.item.groupBy({ by: ["projectId"], where: { projectId: { in: projectIds } }, _count: { _all: true }, _sum: { judgmentCount: true } }),
    db.judgment.groupBy({ by: ["itemId"], where: { userId: actor.id, item: { projectId: { in: projectIds } } }, _count: { _all: true } }).then(async (rows) => {
      // Count my judgments per project without loading them: one grouped query over my item ids.
      if (!rows.length) return new Map<string, number>();
      const items = await db.item.groupBy({ by: ["projectId"], where: { id: { in: rows.map((r) => r.itemId) } }, _count: { _all: true } });
      return new Map(items.map((i) => [i.projectId, i._count._all]));
    }),
  ]);
  const stats = new Map(itemStats.map((s) => [s.projectId, s]));
  return memberships.map(({ role, project }) => {
    const s = stats.get(project.id);
    const items = s?._count._all ?? 0;
    return {
      slug: project.slug,
      name: project.name,
      description: project.description,
      status: project.status,
      role,
      items,
      myJudgments: mine.get(project.id) ?? 0,
      judgments: s?._sum.judgmentCount ?? 0,
      wanted: items * project.overlap,
    };
  });
}
