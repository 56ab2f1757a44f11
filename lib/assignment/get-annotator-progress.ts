import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { candidateItemsWhere } from "./candidate-items";
import { isAdaptive, stoppingRuleOf, stoppingRuleSelect } from "./stopping-rule";
import { readAdaptiveProgress } from "./adaptive-progress";
import { readUserTallies } from "@/lib/counts/read-user-tallies";
import { readProjectProgress } from "@/lib/projects/read-project-progress";

export type AnnotatorProgress = {
  judged: number;
  skipped: number;
  /** Items still there for this user now: the leases they hold plus what they could lease (counted up to `availableLimit`). */
  available: number;
  total: number;
  totalJudgments: number;
  /** items × overlap; under adaptive overlap what the rule still wants at least (readAdaptiveProgress) */
  wantedJudgments: number;
};

/**
 * One annotator's progress in a project, for the annotation screen. Their
 * own counts and the project totals read the kept counts (docs/architecture.md,
 * "Counters"), so this stays cheap on large projects; `available` stops counting at `availableLimit` (default 1,000,
 * show it as "1,000+") because counting every free item of a million-item
 * project on every page load would cost more than it tells.
 *
 * @internal caller has checked access
 */
export async function getAnnotatorProgress(options: {
  userId: string;
  projectId: string;
  availableLimit?: number;
  now?: Date;
}): Promise<AnnotatorProgress> {
  const { userId, projectId, availableLimit = 1000, now = new Date() } = options;
  const project = await db.project.findUnique({ where: { id: projectId }, select: stoppingRuleSelect });
  if (!project) throw new AppError("not_found", "No such project.");
  const rule = stoppingRuleOf(project);
  const candidates = candidateItemsWhere({ projectId, userId, rule });
  const [[mine], held, progress, [free], adaptive] = await Promise.all([
    readUserTallies(projectId, [userId]),
    db.assignment.count({ where: { userId, item: { projectId }, open: true, expiresAt: { gt: now } } }),
    readProjectProgress([{ id: projectId, overlap: project.overlap }]),
    db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM (SELECT 1 FROM "Item" i WHERE ${candidates} LIMIT ${availableLimit}) c`,
    isAdaptive(rule) ? readAdaptiveProgress(projectId) : null,
  ]);
  const totals = progress.get(projectId)!;
  return {
    judged: mine?.judgments ?? 0,
    skipped: mine?.skips ?? 0,
    available: Math.min(held + (free?.n ?? 0), availableLimit),
    total: totals.items,
    totalJudgments: totals.judgments,
    wantedJudgments: adaptive ? adaptive.wantedJudgments : totals.wanted,
  };
}
