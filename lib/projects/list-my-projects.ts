import { db } from "@/lib/db";
import { readProjectProgress } from "./read-project-progress";
import { getAnnotatorProgress } from "@/lib/assignment/get-annotator-progress";
import type { Actor } from "@/lib/permissions";

export type MyProject = {
  slug: string;
  name: string;
  description: string;
  status: string;
  role: "LEAD" | "ANNOTATOR";
  items: number;
  myJudgments: number;
  mySkips: number;
  /** Pairs still there for this user (counted up to MY_LEFT_LIMIT), null unless the project is ACTIVE. */
  left: number | null;
  judgments: number;
  wanted: number;
};

/** "N left for you" counts up to this many, as on the annotation screen. */
export const MY_LEFT_LIMIT = 1000;

/**
 * The projects an actor is a member of, with their own and the project's
 * progress. What is left for them and what they skipped come from
 * getAnnotatorProgress, as on the annotation screen, so both say the same
 * ("done — 1 skipped"); that costs a few small queries per project the actor
 * is in (memberships are few).
 */
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
  const [progress, mine, own] = await Promise.all([
    readProjectProgress(memberships.map((m) => m.project)),
    // My judgments per project from the kept per-annotator counts.
    db.projectUserTally
      .findMany({ where: { userId: actor.id, projectId: { in: projectIds } }, select: { projectId: true, judgments: true } })
      .then((rows) => new Map(rows.map((r) => [r.projectId, r.judgments]))),
    // Membership was just read: the actor may see each of these projects.
    Promise.all(
      memberships
        .filter(({ project }) => project.status === "ACTIVE")
        .map(({ project }) =>
          getAnnotatorProgress({ userId: actor.id, projectId: project.id, availableLimit: MY_LEFT_LIMIT }).then(
            (p) => [project.id, p] as const,
          ),
        ),
    ).then((rows) => new Map(rows)),
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
      mySkips: own.get(project.id)?.skipped ?? 0,
      left: project.status === "ACTIVE" ? (own.get(project.id)?.available ?? 0) : null,
      judgments: p?.judgments ?? 0,
      wanted: p?.wanted ?? 0,
    };
  });
}
