import "server-only";
import { db } from "@/lib/db";

/**
 * The model names a project's items use, on either side, sorted, at most
 * `limit` — for the items table's model filter. The caller checks access
 * (model names are for leads and admins).
 *
 * @internal caller has checked access
 */
export async function listModelNames(options: { projectId: string; limit?: number }): Promise<string[]> {
  const limit = Math.min(Math.max(options.limit ?? 200, 1), 1000);
  const rows = await db.$queryRaw<{ model: string }[]>`
    SELECT model FROM (
      SELECT "modelA" AS model FROM "Item" WHERE "projectId" = ${options.projectId} AND "modelA" IS NOT NULL
      UNION
      SELECT "modelB" FROM "Item" WHERE "projectId" = ${options.projectId} AND "modelB" IS NOT NULL
    ) m ORDER BY model LIMIT ${limit}`;
  return rows.map((r) => r.model);
}
