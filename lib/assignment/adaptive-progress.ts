import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { AdaptiveStats } from "@/lib/validations/project-response";
import { isAdaptive, stoppingRuleOf, stoppingRuleSelect, type StoppingRule } from "./stopping-rule";
import { isItemComplete, summarizeItemHistogram, type HistogramBin } from "@/lib/counts/item-histogram";

/**
 * Where a project's judgments went under its stopping rule (docs/formats.md,
 * "Adaptive overlap"). Gold items are checks, not work: left out throughout.
 */
export type AdaptiveProgress = {
  rule: StoppingRule;
  /** k < K: items can finish before K. */
  adaptive: boolean;
  items: number;
  /** Items the rule has finished, by reason; `early` = unanimous + share + bound. */
  finished: { total: number; max: number; unanimous: number; share: number; bound: number; early: number };
  /** Open items with at least k judgments: their judgments disagree, so they wait for more (up to K). */
  openDisagreeing: number;
  /** Judgments on the project's items so far. */
  judgmentsSpent: number;
  /** What a fixed overlap of K would cost for every item (items × K). */
  fixedMaxCost: number;
  /** Judgments on finished items, and what the same items would have cost at a fixed K. */
  finishedSpent: number;
  finishedFixedCost: number;
  /** Judgments the rule still wants at least: finished items as they are (capped at K), open ones up to their current target. */
  wantedJudgments: number;
};

type Row = {
  items: number; max: number; unanimous: number; share: number; bound: number;
  disagreeing: number; spent: bigint | number | null; finishedSpent: bigint | number | null; wanted: bigint | number | null;
};

/**
 * One aggregate over the project's items, read from the columns the triggers
 * keep (stopReason, judgmentCount; counted on Item(projectId, stopReason)),
 * when the project is adaptive; with a fixed overlap, from the kept histogram
 * (fixedOverlapProgress).
 *
 * @internal caller has checked access
 */
export async function readAdaptiveProgress(projectId: string): Promise<AdaptiveProgress> {
  const project = await db.project.findUnique({ where: { id: projectId }, select: stoppingRuleSelect });
  if (!project) throw new AppError("not_found", "No such project.");
  const rule = stoppingRuleOf(project);
  if (!isAdaptive(rule)) return fixedOverlapProgress(rule, await readItemHistogram(projectId));
  return aggregateItemProgress(projectId, rule);
}

/**
 * The aggregate over every non-gold item of the project (adaptive projects; and the tests' reference for fixed ones).
 * @internal caller has checked access
 */
export async function aggregateItemProgress(projectId: string, rule: StoppingRule): Promise<AdaptiveProgress> {
  const [row] = await db.$queryRaw<Row[]>`
    SELECT count(*)::int AS items,
           count(*) FILTER (WHERE i."stopReason" = 'max')::int AS max,
           count(*) FILTER (WHERE i."stopReason" = 'unanimous')::int AS unanimous,
           count(*) FILTER (WHERE i."stopReason" = 'share')::int AS share,
           count(*) FILTER (WHERE i."stopReason" = 'bound')::int AS bound,
           count(*) FILTER (WHERE i."stopReason" IS NULL AND i."judgmentCount" >= ${rule.overlapMin}::int)::int AS disagreeing,
           sum(i."judgmentCount")::bigint AS spent,
           sum(i."judgmentCount") FILTER (WHERE i."stopReason" IS NOT NULL)::bigint AS "finishedSpent",
           sum(CASE WHEN i."stopReason" IS NOT NULL THEN LEAST(i."judgmentCount", ${rule.overlapMax}::int)
                    ELSE GREATEST(${rule.overlapMin}::int, i."judgmentCount" + 1) END)::bigint AS wanted
    FROM "Item" i
    WHERE i."projectId" = ${projectId} AND i."goldPreference" IS NULL`;
  const r = row!;
  const total = r.max + r.unanimous + r.share + r.bound;
  return {
    rule,
    adaptive: isAdaptive(rule),
    items: r.items,
    finished: { total, max: r.max, unanimous: r.unanimous, share: r.share, bound: r.bound, early: r.unanimous + r.share + r.bound },
    openDisagreeing: r.disagreeing,
    judgmentsSpent: Number(r.spent ?? 0),
    fixedMaxCost: r.items * rule.overlapMax,
    finishedSpent: Number(r.finishedSpent ?? 0),
    finishedFixedCost: total * rule.overlapMax,
    wantedJudgments: Number(r.wanted ?? 0),
  };
}

/**
 * A fixed overlap (k = K): the rule finishes an item when it reaches K, for
 * reason "max", and no other way, so the figures follow from the kept
 * histogram of items by judgmentCount (ProjectItemTally: a few dozen rows)
 * instead of an aggregate over every item (1.2 s at 1M items). The same
 * figures as the aggregate (tested in adaptive-overlap.test.ts), except for
 * ranking items, whose judgments cast no vote: the aggregate never saw them
 * finish, here they finish at K judgments, as the progress figures count them.
 */
export function fixedOverlapProgress(rule: StoppingRule, bins: readonly HistogramBin[]): AdaptiveProgress {
  const k = rule.overlapMax;
  const { items, items_complete: finished, judgments: spent } = summarizeItemHistogram(bins, k);
  const finishedSpent = bins.reduce((sum, bin) => (isItemComplete(bin.judgmentCount, k) ? sum + bin.items * bin.judgmentCount : sum), 0);
  return {
    rule,
    adaptive: false,
    items,
    finished: { total: finished, max: finished, unanimous: 0, share: 0, bound: 0, early: 0 },
    openDisagreeing: 0,
    judgmentsSpent: spent,
    fixedMaxCost: items * k,
    finishedSpent,
    finishedFixedCost: finished * k,
    // Finished items count min(n, K) = K, open ones their target K.
    wantedJudgments: items * k,
  };
}

async function readItemHistogram(projectId: string): Promise<HistogramBin[]> {
  const rows = await db.projectItemTally.groupBy({ by: ["judgmentCount"], where: { projectId }, _sum: { items: true } });
  return rows.map((row) => ({ judgmentCount: row.judgmentCount, items: row._sum.items ?? 0 }));
}

/** The REST shape of AdaptiveProgress (GET /api/v1/projects/{slug}/stats, `adaptive`). */
export function toAdaptiveStatsJson(progress: AdaptiveProgress): AdaptiveStats {
  return {
    overlap_min: progress.rule.overlapMin,
    overlap_max: progress.rule.overlapMax,
    stop_share: progress.rule.stopShare,
    stop_on: progress.rule.stopOn,
    items_finished: progress.finished.total,
    finished_by: { max: progress.finished.max, unanimous: progress.finished.unanimous, share: progress.finished.share, bound: progress.finished.bound },
    items_finished_early: progress.finished.early,
    items_open_disagreeing: progress.openDisagreeing,
    judgments_spent: progress.judgmentsSpent,
    fixed_max_cost: progress.fixedMaxCost,
    finished_spent: progress.finishedSpent,
    finished_fixed_cost: progress.finishedFixedCost,
    wanted: progress.wantedJudgments,
  };
}
