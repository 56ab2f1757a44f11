import { db } from "@/lib/db";
import { summarizeItemHistogram, type HistogramBin } from "@/lib/counts/item-histogram";
import type { ProjectProgress } from "@/lib/validations/project-response";

/**
 * Progress of many projects in one query over the kept histogram of items by
 * judgmentCount (ProjectItemTally: a few dozen rows per project, whatever its
 * size; docs/architecture.md, "Counters"). Gold items are checks, not work:
 * the histogram leaves them out. Projects without items come back as zeros.
 */
export async function readProjectProgress(projects: { id: string; overlap: number }[]): Promise<Map<string, ProjectProgress>> {
  const result = new Map<string, ProjectProgress>();
  if (projects.length === 0) return result;
  const rows = await db.projectItemTally.groupBy({
    by: ["projectId", "judgmentCount"],
    where: { projectId: { in: projects.map((p) => p.id) } },
    _sum: { items: true },
  });
  const bins = new Map<string, HistogramBin[]>();
  for (const row of rows) {
    const list = bins.get(row.projectId) ?? [];
    list.push({ judgmentCount: row.judgmentCount, items: row._sum.items ?? 0 });
    bins.set(row.projectId, list);
  }
  for (const project of projects) result.set(project.id, summarizeItemHistogram(bins.get(project.id) ?? [], project.overlap));
  return result;
}
