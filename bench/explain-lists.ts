/**
 * The plans of the admin lists' queries at 1M items and 3M judgments, kept in
 * bench/plans/*.txt (issue 12, item 4): each query as lib/ sends it (the SQL
 * Prisma generates, written out), run with EXPLAIN (ANALYZE, BUFFERS) on the
 * project bench/seed-large.ts made:
 *
 *   DATABASE_URL=postgresql://root@127.0.0.1:5432/pw_bench_admin npm run bench:explain [-- --only items-search,export-slice-items,users-last-judgment]
 *
 * Skips: the seed has none, so 20,000 are added inside a transaction that is
 * rolled back. Timings in a plan are one run on a shared machine; what to read
 * is the plan's shape (index scans with a LIMIT, no sort of the whole project).
 */
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { migrateDatabase } from "@/lib/db/migrate";
import { resolveDatabaseTarget } from "@/lib/db/database-url";
import { SOURCE_AGREEMENT_SQL } from "@/lib/reference/source-agreement";
import { argValue, requirePostgresUrl } from "./lib/args";

type Query = { name: string; what: string; sql: string; params: unknown[] };

// An hour of judgments: the export slice bench:admin times (about 1,200 items).
const SLICE_FROM = "2026-02-01T00:00:00.000Z";
const SLICE_TO = "2026-02-01T01:00:00.000Z";
const SLICE_ITEMS_SQL = `WITH s AS MATERIALIZED (
       SELECT j."itemId" FROM "Judgment" j JOIN "Item" i ON i."id" = j."itemId"
        WHERE i."projectId" = $1 AND j."createdAt" >= ($3::timestamptz AT TIME ZONE 'UTC') AND j."createdAt" < ($4::timestamptz AT TIME ZONE 'UTC')
        LIMIT $2
     )
     SELECT c."n"::int AS "n", CASE WHEN c."n" < $2 THEN ARRAY(SELECT DISTINCT "itemId" FROM s ORDER BY 1) END AS "ids"
       FROM (SELECT count(*) AS "n" FROM s) c`;

function queries(projectId: string, middle: { createdAt: Date; id: string }, slice: { ids: string[]; users: string[] }): Query[] {
  const itemColumns = `"id", "externalId", "modelA", "modelB", "judgmentCount", "goldPreference", "createdAt"`;
  return [
    { name: "items-first-page", what: "listItems: the first page of the items table", sql: `SELECT ${itemColumns} FROM "Item" WHERE "projectId" = $1 ORDER BY "createdAt" ASC, "id" ASC LIMIT 51`, params: [projectId] },
    {
      name: "items-middle-page",
      what: "listItems: a page from a cursor half-way through the million",
      sql: `SELECT ${itemColumns} FROM "Item" WHERE "projectId" = $1 AND "createdAt" >= $2 AND ("createdAt" > $2 OR ("createdAt" = $2 AND "id" > $3)) ORDER BY "createdAt" ASC, "id" ASC LIMIT 51`,
      params: [projectId, middle.createdAt, middle.id],
    },
    {
      name: "items-judgment-range",
      what: "listItems: min_judgments=3&max_judgments=3",
      sql: `SELECT ${itemColumns} FROM "Item" WHERE "projectId" = $1 AND "judgmentCount" >= 3 AND "judgmentCount" <= 3 ORDER BY "createdAt" ASC, "id" ASC LIMIT 51`,
      params: [projectId],
    },
    {
      name: "items-gold",
      what: "listItems: gold=true (the seed has no gold item: the worst case, nothing to find)",
      sql: `SELECT ${itemColumns} FROM "Item" WHERE "projectId" = $1 AND "goldPreference" IS NOT NULL ORDER BY "createdAt" ASC, "id" ASC LIMIT 51`,
      params: [projectId],
    },
    {
      name: "items-search",
      what:
        "listItems: search=Question 999999&min_judgments=3 (the items page bench/admin.ts times): one match, found through the trigram indexes (8.9 s by reading every item before them)",
      sql: `SELECT ${itemColumns} FROM "Item" WHERE "projectId" = $1 AND ("promptText" ILIKE $2 OR "externalId" ILIKE $2) AND "judgmentCount" >= 3 ORDER BY "createdAt" ASC, "id" ASC LIMIT 51`,
      params: [projectId, "%Question 999999%"],
    },
    {
      name: "items-search-common",
      what: "listItems: search=question (every item matches: the planner walks the import order and stops at the first page)",
      sql: `SELECT ${itemColumns} FROM "Item" WHERE "projectId" = $1 AND ("promptText" ILIKE $2 OR "externalId" ILIKE $2) ORDER BY "createdAt" ASC, "id" ASC LIMIT 51`,
      params: [projectId, "%question%"],
    },
    {
      name: "items-search-some",
      what: "listItems: search=Question 99 (11,111 matches, the first 51 among the first 100,000 items: the import order again)",
      sql: `SELECT ${itemColumns} FROM "Item" WHERE "projectId" = $1 AND ("promptText" ILIKE $2 OR "externalId" ILIKE $2) ORDER BY "createdAt" ASC, "id" ASC LIMIT 51`,
      params: [projectId, "%Question 99%"],
    },
    { name: "gold-count", what: "settings page: the project's gold items", sql: `SELECT count(*) FROM "Item" WHERE "projectId" = $1 AND "goldPreference" IS NOT NULL`, params: [projectId] },
    {
      name: "model-names",
      what: "the model-names stored view's computation (background; the items page reads the stored list)",
      sql: `SELECT model FROM (SELECT "modelA" AS model FROM "Item" WHERE "projectId" = $1 AND "modelA" IS NOT NULL UNION SELECT "modelB" FROM "Item" WHERE "projectId" = $1 AND "modelB" IS NOT NULL) m ORDER BY model LIMIT 1000`,
      params: [projectId],
    },
    {
      name: "members-page",
      what: "listMembers: one page, leads first",
      sql: `SELECT m."id", m."role", m."createdAt", u."id", u."email", u."name" FROM "Membership" m JOIN "User" u ON u."id" = m."userId" WHERE m."projectId" = $1 ORDER BY m."role" ASC, m."createdAt" ASC, m."id" ASC LIMIT 101`,
      params: [projectId],
    },
    {
      name: "member-work",
      what: "the member-work stored view's computation (background): judgments and last judgment per annotator",
      sql: `SELECT j."userId", count(*), max(j."createdAt") FROM "Judgment" j JOIN "Item" i ON i."id" = j."itemId" WHERE i."projectId" = $1 GROUP BY j."userId"`,
      params: [projectId],
    },
    {
      name: "audit-admin",
      what: "listAuditEvents: an admin's first page, every project",
      sql: `SELECT "id", "action", "createdAt", "details" FROM "AuditEvent" ORDER BY "createdAt" DESC, "id" DESC LIMIT 51`,
      params: [],
    },
    {
      name: "audit-project",
      what: "listAuditEvents: one project's events",
      sql: `SELECT "id", "action", "createdAt", "details" FROM "AuditEvent" WHERE "projectId" = $1 ORDER BY "createdAt" DESC, "id" DESC LIMIT 51`,
      params: [projectId],
    },
    {
      name: "skips-page",
      what: "listSkips: the newest 50 skips of the project (20,000 skips added for this plan)",
      sql: `SELECT s."id", s."reason", s."createdAt", s."userId", s."itemId" FROM "Skip" s JOIN "Item" i ON i."id" = s."itemId" WHERE i."projectId" = $1 ORDER BY s."createdAt" DESC, s."id" DESC LIMIT 51`,
      params: [projectId],
    },
    {
      name: "skips-count",
      what: "listSkips: the total, counted up to 10,001",
      sql: `SELECT count(*)::int AS n FROM (SELECT 1 FROM "Skip" s JOIN "Item" i ON i."id" = s."itemId" WHERE i."projectId" = $1 LIMIT 10001) AS bounded`,
      params: [projectId],
    },
    {
      name: "stored-view-new-judgments",
      what: "serveView: judgments made since the stored result (counted up to 500)",
      sql: `SELECT count(*)::int AS n FROM (SELECT 1 FROM "Judgment" j JOIN "Item" i ON i."id" = j."itemId" WHERE j."createdAt" > $2 AND i."projectId" = $1 LIMIT 500) AS recent`,
      params: [projectId, new Date(Date.now() - 60_000)],
    },
    {
      name: "export-slice-items",
      what: "sliceItemIds (lib/export/read-item-groups.ts): the items an export slice touches, on Judgment(createdAt), capped at 100,001 judgments",
      sql: SLICE_ITEMS_SQL,
      params: [projectId, 100_001, SLICE_FROM, SLICE_TO],
    },
    {
      name: "export-slice-batch",
      what: "an export slice's batch (summary walk: the data card): the next 1,000 candidate items by id, each with its judgments in the range",
      sql: `SELECT i."id", i."externalId", agg."judgments", agg."rankings",
      CASE WHEN i."responses" IS NOT NULL THEN (SELECT p."scale" FROM "Project" p WHERE p."id" = $1) END AS "scale"
    FROM "Item" i CROSS JOIN LATERAL (
      SELECT count(*) AS "n", json_agg(json_build_array(j."id", j."userId", j."preference", j."guidelinesVersion", j."shownSwapped", j."durationMs", j."createdAt", j."flags") ORDER BY j."id")::text AS "judgments",
             CASE WHEN i."responses" IS NOT NULL THEN json_agg(j."ranking" ORDER BY j."id")::text END AS "rankings"
        FROM "Judgment" j WHERE j."itemId" = i."id" AND j."createdAt" >= ($6::timestamptz AT TIME ZONE 'UTC') AND j."createdAt" < ($7::timestamptz AT TIME ZONE 'UTC')
    ) agg
    WHERE i."projectId" = $1 AND i."id" > $2 AND ($5::text IS NULL OR i."id" <= $5::text) AND i."id" = ANY($8::text[])
      AND agg."n" >= $4
    ORDER BY i."id" LIMIT $3`,
      params: [projectId, "", 1000, 1, null, SLICE_FROM, SLICE_TO, slice.ids.slice(0, 1000)],
    },
    {
      name: "chat-prompt-exists",
      what: "resolvePromptFormat: whether the project has a chat prompt (trl, prompt_format=auto), on the partial index Item_chat_prompt_idx",
      sql: `SELECT EXISTS (SELECT 1 FROM "Item" WHERE "projectId" = $1 AND jsonb_typeof("prompt") = 'array') AS "chat"`,
      params: [projectId],
    },
    {
      name: "card-items",
      what: "the data card's item count: the kept histogram (ProjectItemTally), as readProjectProgress groups it",
      sql: `SELECT "projectId", "judgmentCount", sum("items") FROM "ProjectItemTally" WHERE "projectId" IN ($1) GROUP BY "projectId", "judgmentCount"`,
      params: [projectId],
    },
    {
      name: "source-agreement",
      what: "getSourceAgreement: driven by the project's references (the seed has none: a walk of every item before)",
      sql: SOURCE_AGREEMENT_SQL,
      params: [projectId],
    },
    {
      name: "users-last-judgment",
      what: "listUsers: each listed user's latest judgment, one backward index step each (the first page: 50 users)",
      sql: `SELECT u."id" AS "userId", (SELECT max(j."createdAt") FROM "Judgment" j WHERE j."userId" = u."id") AS "last"
        FROM unnest($1::text[]) AS u("id")`,
      params: [slice.users],
    },
    {
      name: "stored-view-read",
      what: "serveView: the stored result of one view",
      sql: `SELECT * FROM "StoredView" WHERE "projectId" = $1 AND "viewKey" = 'agreement' AND "paramsHash" = 'x'`,
      params: [projectId],
    },
  ];
}

async function main() {
  const url = requirePostgresUrl();
  const slug = argValue("slug", "bench-large");
  await migrateDatabase(resolveDatabaseTarget(url));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const project = (await client.query<{ id: string }>(`SELECT "id" FROM "Project" WHERE "slug" = $1`, [slug])).rows[0];
  if (!project) throw new Error(`no project "${slug}": run npm run bench:seed (or bench:admin) first`);
  const middle = (await client.query<{ createdAt: Date; id: string }>(`SELECT "createdAt", "id" FROM "Item" WHERE "projectId" = $1 AND "externalId" = 'q-500000'`, [project.id])).rows[0]!;
  const sliceIds = (await client.query<{ ids: string[] }>(SLICE_ITEMS_SQL, [project.id, 100_001, SLICE_FROM, SLICE_TO])).rows[0]!.ids;
  const users = (await client.query<{ id: string }>(`SELECT "id" FROM "User" WHERE NOT "external" ORDER BY "email" LIMIT 50`)).rows.map((r) => r.id);
  const only = argValue("only", "");
  const dir = path.join(__dirname, "plans");
  fs.mkdirSync(dir, { recursive: true });
  await client.query("BEGIN");
  try {
    await client.query(
      `INSERT INTO "Skip" ("id", "itemId", "userId", "reason", "createdAt")
       SELECT 'plan-skip-' || g, $1 || '-' || (g * 37 % 1000000 + 1), 'seed-u' || (g % 60), 'plan', timestamp '2026-03-01' + g * interval '1 second'
         FROM generate_series(1, 20000) g ON CONFLICT DO NOTHING`,
      [project.id],
    );
    await client.query(`ANALYZE "Skip"`);
    for (const query of queries(project.id, middle, { ids: sliceIds, users }).filter((q) => !only || only.split(",").includes(q.name))) {
      const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`, query.params);
      // A long array parameter (a slice's candidate ids) is written as its length, not its thousand ids.
      const plan = rows.map((row) => row["QUERY PLAN"].replace(/'\{([^}]{200,})\}'/g, (_all, list: string) => `'{…${list.split(",").length} ids…}'`)).join("\n");
      const text = `-- ${query.what}\n-- ${new Date().toISOString()}, 1,000,000 items / 3,000,000 judgments (bench/seed-large.ts)\n${query.sql}\n\n${plan}\n`;
      fs.writeFileSync(path.join(dir, `${query.name}.txt`), text);
      const total = /Execution Time: ([\d.]+) ms/.exec(plan)?.[1];
      console.log(`${query.name.padEnd(28)} ${String(total).padStart(10)} ms`);
    }
  } finally {
    await client.query("ROLLBACK");
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
