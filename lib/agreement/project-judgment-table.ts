import { readSummaryGroups } from "@/lib/export/read-item-groups";
import { unitId } from "@/lib/ranking-items/expand-units";
import { createJudgmentCollector } from "./collect-judgments";
import type { JudgmentTable } from "./types";

/**
 * Every judgment of a project's non-gold items as a JudgmentTable, annotators
 * named by `label` (the export's pseudonyms); a ranking item's judgments as
 * their implied pairs, each pair a unit of its own ("r-001#0-2"). Reads with the export's keyset
 * walk (read-item-groups.ts, summary mode: ids, preference, side, time; never
 * texts), so memory holds one batch plus the collector's typed columns.
 * Costs a pass over all judgments: only what the kept statistics cannot
 * give (per-annotator table, disputed items) and the tests' reference use it.
 *
 * @internal caller has checked access
 */
export async function readProjectJudgmentTable({ projectId, signal, batchSize, label }: { projectId: string; signal?: AbortSignal; batchSize?: number; label: (userId: string) => string }): Promise<{ table: JudgmentTable; userOf: Map<string, string> }> {
  const collector = createJudgmentCollector();
  const userOf = new Map<string, string>();
  for await (const batch of readSummaryGroups({ projectId, filters: { excludeGold: true }, signal, batchSize })) {
    for (const group of batch) {
      for (const j of group.judgments) {
        const annotator = label(j.userId);
        if (!userOf.has(annotator)) userOf.set(annotator, j.userId);
        collector.add({ itemId: unitId(group.externalId, group.pair), annotator, preference: j.preference, shownSwapped: j.shownSwapped, durationMs: j.durationMs, createdAt: j.createdAt });
      }
    }
  }
  return { table: collector.build(), userOf };
}
