/**
 * The plans of the admin lists' queries at 1M items and 3M judgments, kept in
 * bench/plans/*.txt (issue 12, item 4): each query as lib/ sends it (the SQL
 * Prisma generates, written out), run with EXPLAIN (ANALYZE, BUFFERS) on the
 * project bench/seed-large.ts made:
 *
 *   DATABASE_URL=postgresql://root@127.0.0.1:5432/pw_bench_admin npm run bench:explain [-- --only items-search,items-search-common]
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
import { argValue, requirePostgresUrl } from "./lib/args";

type Query = { name: string; what: string; sql: string; params: unknown[] };

function queries(projectId: string, middle: { createdAt: Date; id: string }): Query[] {
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
    const only = argValue("only", "").split(",").filter(Boolean);
    for (const query of queries(project.id, middle).filter((q) => only.length === 0 || only.includes(q.name))) {
      const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`, query.params);
      const plan = rows.map((row) => row["QUERY PLAN"]).join("\n");
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
