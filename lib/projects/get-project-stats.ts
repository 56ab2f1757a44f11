import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ProjectStats } from "@/lib/validations/project-response";
import { readProjectProgress } from "./read-project-progress";
import { readAdaptiveProgress, toAdaptiveStatsJson } from "@/lib/assignment/adaptive-progress";

/**
 * A project's progress at a glance. The caller checks access (leads and
 * admins). A handful of aggregate queries, none of which loads judgments.
 *
 * @internal caller has checked access
 */
export async function getProjectStats(options: { projectId: string; now?: Date }): Promise<ProjectStats> {
  const { projectId, now = new Date() } = options;
  const project = await db.project.findUnique({ where: { id: projectId }, select: { id: true, overlap: true } });
  if (!project) throw new AppError("not_found", "No such project.");
  const inProject = { item: { projectId } };
  const [progress, judged, ties, annotators, members, skips, activeLeases, adaptive] = await Promise.all([
    readProjectProgress([project]),
    db.judgment.aggregate({ where: inProject, _count: { _all: true }, _max: { createdAt: true } }),
    db.judgment.count({ where: { ...inProject, preference: 0 } }),
    db.judgment.groupBy({ by: ["userId"], where: inProject }).then((rows) => rows.length),
    db.membership.count({ where: { projectId } }),
    db.skip.count({ where: inProject }),
    db.assignment.count({ where: { ...inProject, open: true, expiresAt: { gt: now } } }),
    readAdaptiveProgress(projectId),
  ]);
  const total = judged._count._all;
  return {
    ...progress.get(projectId)!,
    annotators,
    members,
    skips,
    active_leases: activeLeases,
    tie_rate: total > 0 ? ties / total : null,
    last_judgment_at: judged._max.createdAt?.toISOString() ?? null,
    adaptive: toAdaptiveStatsJson(adaptive),
  };
}
