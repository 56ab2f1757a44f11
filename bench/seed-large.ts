/**
 * Fills one project with many items and judgments, fast, on PostgreSQL:
 *
 *   DATABASE_URL=postgresql://root@127.0.0.1:5432/pw_bench_load \
 *     npm run bench:seed -- [--items 1000000] [--judgments 3000000] [--overlap 5] [--annotators 60] [--slug bench-large]
 *
 * Everything is generated in the database (INSERT … SELECT generate_series),
 * not sent row by row. The secondary indexes of Item, Assignment and Judgment
 * are dropped for the load and rebuilt after it (a sorted build is several
 * times faster than maintaining them row by row), all in one transaction, so
 * a failed seed leaves the database as it was. Foreign-key triggers are off
 * for the load (session_replication_role = replica, superuser only): the rows
 * are generated consistent. That also turns off the triggers that keep the
 * project's counts, so pw_rebuild_counts() fills them from the rows before the
 * commit (docs/architecture.md, "Counters").
 *
 * The shape is the one this app's assignment policy produces ("fewest
 * judgments first"): every item holds ⌊J/N⌋ judgments (the first J mod N one
 * more), each by a distinct historical annotator, with its closed Assignment,
 * and Item.judgmentCount equal to the number of its judgments. Overlap 5 with
 * 3 judgments per item leaves two open slots on each of the million items,
 * which is what the load driver then works on.
 *
 * It owns the database it is pointed at: a project with this slug but another
 * shape is dropped with TRUNCATE of the item tables. Prints the time taken.
 */
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { migrateDatabase } from "@/lib/db/migrate";
import { resolveDatabaseTarget } from "@/lib/db/database-url";
import { argValue, requirePostgresUrl } from "./lib/args";

export type SeedOptions = { items: number; judgments: number; overlap: number; annotators: number; slug: string };
export type SeedResult = SeedOptions & {
  projectId: string;
  ms: number;
  reused: boolean;
  annotatorIds: string[];
  /** Milliseconds per phase (items, assignments, judgments, indexes, counts, vacuum) on a fresh seed. */
  phases: Record<string, number>;
};

const TABLES = ["Item", "Assignment", "Judgment"] as const;
/** Kept by the Judgment trigger (migration 20261129100100_agreement_stats), rebuilt after the load. */
const STAT_TABLES = ["ItemLabelStat", "AgreementPatternStat", "AnnotatorPairStat", "AnnotatorLabelStat", "ModelPairStat"] as const;
/** The kept counts (docs/architecture.md, "Counters"), rebuilt after the load. */
const COUNT_TABLES = ["ProjectItemTally", "ProjectUserTally", "ProjectDayTally", "ProjectDurationTally"] as const;

async function secondaryIndexes(client: pg.Client): Promise<{ name: string; def: string }[]> {
  const { rows } = await client.query<{ name: string; def: string }>(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
      WHERE i.schemaname = current_schema() AND i.tablename = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [TABLES],
  );
  return rows;
}

/** Counts what a seeded project holds, to reuse it when it already has the wanted shape. */
async function existingShape(client: pg.Client, slug: string) {
  const { rows } = await client.query<{ id: string; overlap: number; items: string; counted: string | null }>(
    `SELECT p."id", p."overlap", (SELECT count(*) FROM "Item" i WHERE i."projectId" = p."id") AS items,
            (SELECT sum(i."judgmentCount") FROM "Item" i WHERE i."projectId" = p."id") AS counted
       FROM "Project" p WHERE p."slug" = $1`,
    [slug],
  );
  return rows[0];
}

export async function seedLarge(client: pg.Client, options: SeedOptions): Promise<SeedResult> {
  const { items, judgments, overlap, annotators, slug } = options;
  const perItem = Math.floor(judgments / items);
  if (perItem + 1 > annotators) throw new Error(`--annotators must be more than judgments per item (${perItem + 1})`);
  const annotatorIds = Array.from({ length: annotators }, (_, u) => `seed-u${u}`);
  const started = Date.now();
  const found = await existingShape(client, slug);
  if (found && Number(found.items) === items && Number(found.counted ?? 0) === judgments && found.overlap === overlap) {
    return { ...options, projectId: found.id, ms: Date.now() - started, reused: true, annotatorIds, phases: {} };
  }
  // A large project goes with TRUNCATE (seconds, not minutes); a small one
  // with a cascading DELETE that leaves other projects alone.
  const large = items >= 100_000 || Number(found?.items ?? 0) >= 100_000;
  // TRUNCATE fires no row trigger: the statistics and counts the triggers keep go with it.
  if (found && large) {
    await client.query(`TRUNCATE "Judgment", "Assignment", "Skip", "Item", ${[...STAT_TABLES, ...COUNT_TABLES].map((t) => `"${t}"`).join(", ")} CASCADE`);
  }
  const phases: Record<string, number> = {};
  let mark = Date.now();
  const phase = (name: string) => {
    phases[name] = Date.now() - mark;
    mark = Date.now();
  };
  await client.query("BEGIN");
  try {
    await client.query(`SET LOCAL synchronous_commit = off`);
    await client.query(`SET LOCAL maintenance_work_mem = '512MB'`);
    // Before the triggers go off: the delete cascades to memberships through them.
    if (found) await client.query(`DELETE FROM "Project" WHERE "id" = $1`, [found.id]);
    await client.query(`SET LOCAL session_replication_role = replica`);
    const projectId = `seed-${slug}`;
    await client.query(
      `INSERT INTO "Project" ("id", "slug", "name", "guidelines", "overlap", "scale", "status", "updatedAt")
       VALUES ($1, $2, 'Large benchmark project', '# Guidelines\n\nPrefer the more helpful, honest and harmless response.', $3, 3, 'ACTIVE', now())`,
      [projectId, slug, overlap],
    );
    await client.query(
      `INSERT INTO "User" ("id", "email", "name", "updatedAt")
       SELECT 'seed-u' || u, 'seed-u' || u || '@bench.local', 'Seed annotator ' || u, now() FROM generate_series(0, $1::int - 1) u
       ON CONFLICT DO NOTHING`,
      [annotators],
    );
    await client.query(
      `INSERT INTO "Membership" ("id", "userId", "projectId", "role")
       SELECT 'seed-m' || u || '-' || $2, 'seed-u' || u, $2, 'ANNOTATOR' FROM generate_series(0, $1::int - 1) u`,
      [annotators, projectId],
    );
    // Rebuilding the indexes pays off for a large load only: it re-sorts every row of the tables.
    const indexes = large ? await secondaryIndexes(client) : [];
    for (const index of indexes) await client.query(`DROP INDEX "${index.name}"`);

    // Items about the size of a real chat exchange: ~250-character prompt, ~700-character responses.
    await client.query(
      `INSERT INTO "Item" ("id", "projectId", "externalId", "prompt", "promptText", "responseA", "responseB", "modelA", "modelB", "metadata", "judgmentCount", "createdAt")
       SELECT $2 || '-' || g, $2, 'q-' || g,
              to_jsonb('Question ' || g || ': ' || repeat('how would you explain this idea? ', 7)),
              'Question ' || g || ': ' || repeat('how would you explain this idea? ', 7),
              'Answer A to ' || g || '. ' || repeat('First, consider the **main** point here. ', 17),
              'Answer B to ' || g || '. ' || repeat(E'A different view:\\n- a point worth making. ', 17),
              'model-' || (g % 5), 'model-' || ((g % 5) + 1 + (g / 5) % 4) % 5, jsonb_build_object('source', 'seed', 'n', g),
              $3::int + CASE WHEN g <= $4::int THEN 1 ELSE 0 END,
              timestamp '2026-01-01' + g * interval '1 second'
         FROM generate_series(1, $1::int) g`,
      [items, projectId, perItem, judgments - perItem * items],
    );
    phase("items");
    // Judgment k of item g is by annotator (7g + k) mod A: distinct for k < A.
    const rows = `FROM generate_series(1, $1::int) g CROSS JOIN generate_series(0, $2::int) k
                 WHERE k < $2::int OR g <= $3::int`;
    const params = [items, perItem, judgments - perItem * items, annotators, projectId];
    await client.query(
      `INSERT INTO "Assignment" ("id", "itemId", "userId", "swapped", "leasedAt", "expiresAt", "completedAt", "open")
       SELECT $5 || '-a' || g || '-' || k, $5 || '-' || g, 'seed-u' || ((7 * g + k) % $4::int), (g + k) % 2 = 0,
              timestamp '2026-02-01' + (g * 3 + k) * interval '1 second',
              timestamp '2026-02-01' + (g * 3 + k) * interval '1 second' + interval '30 minutes',
              timestamp '2026-02-01' + (g * 3 + k) * interval '1 second' + interval '40 seconds', false
       ${rows}`,
      params,
    );
    phase("assignments");
    await client.query(
      `INSERT INTO "Judgment" ("id", "itemId", "userId", "preference", "flags", "rationale", "attributes", "guidelinesVersion",
                               "shownSwapped", "durationMs", "clientId", "createdAt", "updatedAt")
       SELECT $5 || '-j' || g || '-' || k, $5 || '-' || g, 'seed-u' || ((7 * g + k) % $4::int),
              greatest(-3, least(3, (g % 5) - 2 + (g * (k + 1) * 7) % 3 - 1)),
              CASE WHEN g % 50 = 0 THEN ARRAY['both_bad'] ELSE ARRAY[]::text[] END,
              CASE WHEN g % 4 = 0 THEN 'B is clearer.' ELSE '' END, '{}'::jsonb, 1, (g + k) % 2 = 0,
              4000 + (g * (k + 3)) % 40000, $5 || '-c' || g || '-' || k,
              timestamp '2026-02-01' + (g * 3 + k) * interval '1 second' + interval '40 seconds',
              timestamp '2026-02-01' + (g * 3 + k) * interval '1 second' + interval '40 seconds'
       ${rows}`,
      params,
    );
    phase("judgments");
    for (const index of indexes) await client.query(index.def);
    phase("indexes");
    // The triggers are off in replica mode: fill their tables from the rows in one pass each.
    await client.query(`SELECT pw_stats_rebuild($1)`, [projectId]);
    await client.query(`SELECT pw_rebuild_counts($1)`, [projectId]);
    await client.query("COMMIT");
    phase("stats");
    // A live database is vacuumed and analyzed: without this the first reads
    // set hint bits and the planner guesses at row counts.
    for (const table of [...TABLES, ...STAT_TABLES, ...COUNT_TABLES, "User", "Membership", "Project"]) await client.query(`VACUUM ANALYZE "${table}"`);
    phase("vacuum");
    return { ...options, projectId, ms: Date.now() - started, reused: false, annotatorIds, phases };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

async function main() {
  const url = requirePostgresUrl();
  await migrateDatabase(resolveDatabaseTarget(url));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const options: SeedOptions = {
    items: Number(argValue("items", "1000000")),
    judgments: Number(argValue("judgments", "3000000")),
    overlap: Number(argValue("overlap", "5")),
    annotators: Number(argValue("annotators", "60")),
    slug: argValue("slug", "bench-large"),
  };
  console.log(`seeding ${options.items} items and ${options.judgments} judgments into "${options.slug}"…`);
  const result = await seedLarge(client, options);
  await client.end();
  if (!result.reused) {
    const { annotatorIds: _ids, ...summary } = result;
    const file = path.join(__dirname, "results", "seed.json");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify({ ...summary, rows_per_s: Math.round((result.items * 1 + result.judgments * 2) / (result.ms / 1000)) }, null, 2)}\n`);
  }
  console.log(
    result.reused
      ? `already there (checked in ${result.ms} ms)`
      : `seeded ${result.items} items and ${result.judgments} judgments in ${(result.ms / 1000).toFixed(1)} s ${JSON.stringify(result.phases)}`,
  );
}

if (process.argv[1] && /seed-large\.ts$/.test(process.argv[1])) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
