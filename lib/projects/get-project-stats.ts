import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ProjectStats } from "@/lib/validations/project-response";
import { countActiveLeases, readUserTallies } from "@/lib/counts/read-user-tallies";
import { readProjectProgress } from "./read-project-progress";
import { readAdaptiveProgress, toAdaptiveStatsJson } from "@/lib/assignment/adaptive-progress";

/**
 * A project's progress at a glance, from the kept counts (docs/architecture.md,
 * "Counters"): the item histogram and the per-annotator tallies, a few dozen
 * rows whatever the project's size. Only the leases out now are read from
 * Assignment, on its (open, expiresAt) index.
 *
 * @internal caller has checked access
 */
export async function getProjectStats(options: { projectId: string; now?: Date }): Promise<ProjectStats> {
  const { projectId, now = new Date() } = options;
  const project = await db.project.findUnique({ where: { id: projectId }, select: { id: true, overlap: true } });
  if (!project) throw new AppError("not_found", "No such project.");
  const [progress, tallies, members, activeLeases, adaptive] = await Promise.all([
    readProjectProgress([project]),
    readUserTallies(projectId),
    db.membership.count({ where: { projectId } }),
    countActiveLeases(projectId, now),
    readAdaptiveProgress(projectId),
  ]);
  let judgments = 0;
  let ties = 0;
  let skips = 0;
  let annotators = 0;
  let last: Date | null = null;
  for (const t of tallies) {
    judgments += t.judgments;
    ties += t.ties;
    skips += t.skips;
    if (t.judgments > 0) annotators += 1;
    if (t.lastJudgmentAt && (!last || t.lastJudgmentAt > last)) last = t.lastJudgmentAt;
  }
  return {
    ...progress.get(projectId)!,
    // With adaptive overlap an item is complete when its stopping rule finished it, before K.
    ...(adaptive.adaptive ? { items_complete: adaptive.finished.total } : {}),
    annotators,
    members,
    skips,
    active_leases: activeLeases,
    tie_rate: judgments > 0 ? ties / judgments : null,
    last_judgment_at: last?.toISOString() ?? null,
    adaptive: toAdaptiveStatsJson(adaptive),
  };
}
