import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ProjectProgress } from "@/lib/validations/project-response";

/**
 * Progress of many projects in one grouped query (no query per project).
 * "Complete" is an item its project's stopping rule has finished
 * (Item.stopReason, kept by triggers: docs/formats.md, "Adaptive overlap";
 * with a fixed overlap that is judgmentCount >= overlap), hence SQL. Projects without items are
 * absent from the query's rows and come back as zeros. Gold items are checks,
 * not work: they are left out of every count.
 */
export async function readProjectProgress(projects: { id: string; overlap: number }[]): Promise<Map<string, ProjectProgress>> {
  const result = new Map<string, ProjectProgress>();
  if (projects.length === 0) return result;
  const rows = await db.$queryRaw<{ projectId: string; items: bigint; complete: bigint; judgments: bigint | null }[]>`
    SELECT i."projectId",
           count(*)::bigint AS items,
           count(*) FILTER (WHERE i."stopReason" IS NOT NULL)::bigint AS complete,
           sum(i."judgmentCount")::bigint AS judgments
    FROM "Item" i
    WHERE i."projectId" IN (${Prisma.join(projects.map((p) => p.id))}) AND i."goldPreference" IS NULL
    GROUP BY i."projectId"`;
  const byId = new Map(rows.map((row) => [row.projectId, row]));
  for (const project of projects) {
    const row = byId.get(project.id);
    const items = Number(row?.items ?? 0);
    result.set(project.id, {
      items,
      items_complete: Number(row?.complete ?? 0),
      judgments: Number(row?.judgments ?? 0),
      wanted: items * project.overlap,
    });
  }
  return result;
}
