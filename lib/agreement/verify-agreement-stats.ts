import { db } from "@/lib/db";

/** How many differences of each table are listed (all are counted). */
const LISTED = 20;

export type AgreementStatDifference = {
  table: string;
  key: Record<string, unknown>;
  /** null: the row is missing from the kept table (or should not be there, for `expected`). */
  stored: Record<string, unknown> | null;
  expected: Record<string, unknown> | null;
};

export type AgreementStatsReport = {
  /** Differences found per kept table (0 everywhere when the statistics are right). */
  found: Record<string, number>;
  /** The first few of each table, to show. */
  differences: AgreementStatDifference[];
  /** Projects whose statistics were rebuilt (with `fix`). */
  fixed: string[];
};

// Each counted judgment of a non-gold item, per unit (a pair item is one unit,
// a ranking item one per implied pair), from the rows: what the trigger should
// have counted. pw_stats_units (migration 20261129110100) expands the rankings.
const EXPECTED_ITEMS = (projectParam: string) => `
  SELECT u."itemId", u."pairA"::int AS "pairA", u."pairB"::int AS "pairB", min(u."projectId") AS "projectId",
         min(u."modelA") AS "modelA", min(u."modelB") AS "modelB", min(u."shard")::int AS "shard",
         array_agg(u."userId" ORDER BY u."userId") AS "users", array_agg(u."preference" ORDER BY u."userId") AS "prefs"
    FROM pw_stats_units(${projectParam}) u
   GROUP BY u."itemId", u."pairA", u."pairB"`;

const KEPT_ITEMS = (filter: string) => `
  SELECT s."itemId", s."pairA"::int AS "pairA", s."pairB"::int AS "pairB", s."projectId", s."modelA", s."modelB", s."shard"::int AS "shard",
         (SELECT array_agg(x.u ORDER BY x.u) FROM unnest(s."users", s."prefs") AS x(u, p)) AS "users",
         (SELECT array_agg(x.p ORDER BY x.u) FROM unnest(s."users", s."prefs") AS x(u, p)) AS "prefs"
    FROM "ItemLabelStat" s WHERE true ${filter}`;

/** Per kept table: its rows as (key, value) JSON, from the table and as recomputed from the item labels `src`. */
const CHECKS: { table: string; kept: (filter: string) => string; expected: (src: string) => string }[] = [
  {
    table: "ItemLabelStat",
    kept: (f) => `SELECT jsonb_build_object('itemId', "itemId", 'pairA', "pairA", 'pairB', "pairB") AS key, jsonb_build_object('projectId', "projectId", 'modelA', "modelA", 'modelB', "modelB", 'shard', "shard", 'users', "users", 'prefs', "prefs") AS val FROM (${KEPT_ITEMS(f)}) k`,
    expected: (src) => `SELECT jsonb_build_object('itemId', "itemId", 'pairA', "pairA", 'pairB', "pairB") AS key, jsonb_build_object('projectId', "projectId", 'modelA', "modelA", 'modelB', "modelB", 'shard', "shard", 'users', "users", 'prefs', "prefs") AS val FROM ${src} e`,
  },
  {
    table: "AgreementPatternStat",
    kept: (f) => `SELECT jsonb_build_object('projectId', s."projectId", 'pattern', s."pattern", 'shard', s."shard") AS key, jsonb_build_object('items', s."items") AS val FROM "AgreementPatternStat" s WHERE s."items" <> 0 ${f}`,
    expected: (src) => `SELECT jsonb_build_object('projectId', "projectId", 'pattern', pattern, 'shard', "shard") AS key, jsonb_build_object('items', count(*)) AS val
      FROM (SELECT e."projectId", e."shard", (SELECT array_agg(v ORDER BY v) FROM unnest(e."prefs") v) AS pattern FROM ${src} e) x GROUP BY "projectId", pattern, "shard"`,
  },
  {
    table: "ModelPairStat",
    kept: (f) => `SELECT jsonb_build_object('projectId', s."projectId", 'modelA', s."modelA", 'modelB', s."modelB", 'outcome', s."outcome", 'shard', s."shard") AS key, jsonb_build_object('n', s."n") AS val FROM "ModelPairStat" s WHERE s."n" <> 0 ${f}`,
    expected: (src) => `SELECT jsonb_build_object('projectId', e."projectId", 'modelA', e."modelA", 'modelB', e."modelB", 'outcome', sign(p)::int, 'shard', e."shard") AS key, jsonb_build_object('n', count(*)) AS val
      FROM ${src} e, unnest(e."prefs") p GROUP BY e."projectId", e."modelA", e."modelB", sign(p), e."shard"`,
  },
  {
    table: "AnnotatorLabelStat",
    kept: (f) => `SELECT jsonb_build_object('projectId', s."projectId", 'userId', s."userId") AS key, jsonb_build_object('n', s."n") AS val FROM "AnnotatorLabelStat" s WHERE s."n" <> 0 ${f}`,
    expected: (src) => `SELECT jsonb_build_object('projectId', e."projectId", 'userId', u) AS key, jsonb_build_object('n', count(*)) AS val FROM ${src} e, unnest(e."users") u GROUP BY e."projectId", u`,
  },
  {
    table: "AnnotatorPairStat",
    kept: (f) => `SELECT jsonb_build_object('projectId', s."projectId", 'userLo', s."userLo", 'userHi', s."userHi", 'choiceLo', s."choiceLo", 'choiceHi', s."choiceHi") AS key, jsonb_build_object('n', s."n") AS val FROM "AnnotatorPairStat" s WHERE s."n" <> 0 ${f}`,
    // users are sorted in `src`, so x (lower ordinal) is always the lower user id.
    expected: (src) => `SELECT jsonb_build_object('projectId', x."projectId", 'userLo', x.u, 'userHi', y.u, 'choiceLo', sign(x.p) + 1, 'choiceHi', sign(y.p) + 1) AS key, jsonb_build_object('n', count(*)) AS val
      FROM (SELECT e."itemId", e."pairA", e."pairB", e."projectId", t.u, t.p, t.k FROM ${src} e, unnest(e."users", e."prefs") WITH ORDINALITY AS t(u, p, k)) x
      JOIN (SELECT e."itemId", e."pairA", e."pairB", t.u, t.p, t.k FROM ${src} e, unnest(e."users", e."prefs") WITH ORDINALITY AS t(u, p, k)) y
        ON y."itemId" = x."itemId" AND y."pairA" = x."pairA" AND y."pairB" = x."pairB" AND y.k > x.k
      GROUP BY x."projectId", x.u, y.u, sign(x.p), sign(y.p)`,
  },
];

/**
 * Recomputes the agreement and leaderboard statistics (docs/architecture.md,
 * "Agreement and leaderboard statistics") from the judgments and compares
 * them with what the trigger kept, table by table (a zero row and a missing
 * row are the same). With `fix`, rebuilds every project with a difference
 * (pw_stats_rebuild); the report still says what was found. Reads every
 * judgment of the projects it checks: an operator's tool (verify-counts) and
 * the tests' check, never a page.
 *
 * @internal caller has checked access (an operator's CLI)
 */
export async function verifyAgreementStats(options: { projectId?: string; fix?: boolean } = {}): Promise<AgreementStatsReport> {
  const params = options.projectId ? [options.projectId] : [];
  const projectParam = options.projectId ? `$1` : "NULL";
  const keptFilter = options.projectId ? `AND s."projectId" = $1` : "";
  const found: Record<string, number> = {};
  const differences: AgreementStatDifference[] = [];
  const touched = new Set<string>();
  for (const check of CHECKS) {
    const rows = await db.$queryRawUnsafe<{ key: Record<string, unknown>; stored: Record<string, unknown> | null; expected: Record<string, unknown> | null }[]>(
      `WITH src AS (${EXPECTED_ITEMS(projectParam)}),
            kept AS (${check.kept(keptFilter)}),
            expected AS (${check.expected("src")})
       SELECT coalesce(k.key, e.key) AS key, k.val AS stored, e.val AS expected
         FROM kept k FULL JOIN expected e ON e.key = k.key
        WHERE k.val IS DISTINCT FROM e.val`,
      ...params,
    );
    found[check.table] = rows.length;
    for (const row of rows.slice(0, LISTED)) differences.push({ table: check.table, key: row.key, stored: row.stored, expected: row.expected });
    for (const row of rows) {
      const projectId = (row.stored?.projectId ?? row.expected?.projectId ?? row.key.projectId) as string | undefined;
      if (projectId) touched.add(projectId);
    }
  }
  const fixed: string[] = [];
  if (options.fix) {
    for (const projectId of [...touched].sort()) {
      await db.$executeRawUnsafe(`SELECT pw_stats_rebuild($1)`, projectId);
      fixed.push(projectId);
    }
  }
  return { found, differences, fixed };
}

export function hasAgreementStatDifferences(report: AgreementStatsReport): boolean {
  return Object.values(report.found).some((n) => n > 0);
}
