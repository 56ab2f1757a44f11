import pg from "pg";
import { generateApiToken } from "@/lib/api-tokens/token-hash";

/**
 * Annotators made for a load run, with API tokens, members of the project.
 * Their ids start with `prefix`, so a later run can take their work out again
 * (removeAnnotators) and the seeded project keeps its shape between runs.
 */
export type LoadAnnotator = { id: string; token: string };

export async function createAnnotators(client: pg.Client | pg.Pool, options: { projectId: string; prefix: string; count: number }): Promise<LoadAnnotator[]> {
  const { projectId, prefix, count } = options;
  const annotators = Array.from({ length: count }, (_, i) => ({ id: `${prefix}${i}`, ...generateApiToken() }));
  const ids = annotators.map((a) => a.id);
  await client.query(
    `INSERT INTO "User" ("id", "email", "name", "role", "updatedAt")
     SELECT id, id || '@bench.local', 'Load annotator ' || id, 'ANNOTATOR', now() FROM unnest($1::text[]) id`,
    [ids],
  );
  await client.query(
    `INSERT INTO "Membership" ("id", "userId", "projectId", "role") SELECT 'm-' || id, id, $2, 'ANNOTATOR' FROM unnest($1::text[]) id`,
    [ids, projectId],
  );
  await client.query(
    `INSERT INTO "ApiToken" ("id", "name", "userId", "tokenHash", "prefix")
     SELECT 't-' || id, 'load', id, hash, prefix FROM unnest($1::text[], $2::text[], $3::text[]) AS t(id, hash, prefix)`,
    [ids, annotators.map((a) => a.hash), annotators.map((a) => a.prefix)],
  );
  return annotators.map(({ id, token }) => ({ id, token }));
}

/** Takes the annotators with this id prefix out, with their work, and puts the item counters back. */
export async function removeAnnotators(client: pg.Client | pg.Pool, prefix: string): Promise<number> {
  const { rows } = await client.query<{ id: string }>(`SELECT "id" FROM "User" WHERE "id" LIKE $1`, [`${prefix}%`]);
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return 0;
  await client.query(
    `UPDATE "Item" i SET "judgmentCount" = i."judgmentCount" - c.n
       FROM (SELECT "itemId", count(*)::int AS n FROM "Judgment" WHERE "userId" = ANY($1) GROUP BY 1) c WHERE i."id" = c."itemId"`,
    [ids],
  );
  await client.query(
    `UPDATE "Item" i SET "activeLeases" = i."activeLeases" - c.n
       FROM (SELECT "itemId", count(*)::int AS n FROM "Assignment" WHERE "userId" = ANY($1) AND "open" GROUP BY 1) c WHERE i."id" = c."itemId"`,
    [ids],
  );
  // Cascades to their judgments, assignments, skips, memberships and tokens.
  await client.query(`DELETE FROM "User" WHERE "id" = ANY($1)`, [ids]);
  return ids.length;
}
