import type { ProjectProgress } from "@/lib/validations/project-response";

/** Non-gold items of a project with a given judgmentCount (ProjectItemTally, shards summed). */
export type HistogramBin = { judgmentCount: number; items: number };

/**
 * When an item counts as complete. The one place that says so: progress bars,
 * the stats route and the project lists all go through summarizeItemHistogram.
 */
export function isItemComplete(judgmentCount: number, overlap: number): boolean {
  return judgmentCount >= overlap;
}

/**
 * A project's progress from its histogram of items by judgmentCount. The
 * histogram does not depend on the overlap, so changing the overlap rewrites
 * nothing: complete and wanted follow here, at read time.
 */
export function summarizeItemHistogram(bins: readonly HistogramBin[], overlap: number): ProjectProgress {
  let items = 0;
  let complete = 0;
  let judgments = 0;
  for (const bin of bins) {
    items += bin.items;
    judgments += bin.items * bin.judgmentCount;
    if (isItemComplete(bin.judgmentCount, overlap)) complete += bin.items;
  }
  return { items, items_complete: complete, judgments, wanted: items * overlap };
}
