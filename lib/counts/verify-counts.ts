import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** One kept table, the view that recomputes it from the rows, and what to compare. */
type Kept = { table: string; keys: string[]; counts: string[]; times: string[] };

const KEPT: Kept[] = [
  { table: "ProjectItemTally", keys: ["projectId", "judgmentCount", "shard"], counts: ["items"], times: [] },
  {
    table: "ProjectUserTally",
    keys: ["projectId", "userId"],
    counts: ["judgments", "ties", "skips"],
    times: ["lastJudgmentAt", "lastEditAt", "lastSkipAt", "lastLeaseAt"],
  },
  { table: "ProjectDayTally", keys: ["projectId", "day", "userId"], counts: ["judgments"], times: [] },
  { table: "ProjectDurationTally", keys: ["projectId", "userId", "bucketMs"], counts: ["judgments"], times: [] },
];

/** How many differences of each kind are listed (all are counted). */
const LISTED = 20;

export type CountDifference = {
  /** "Item.judgmentCount" or a kept table's name. */
  table: string;
  key: Record<string, unknown>;
  stored: Record<string, unknown>;
  expected: Record<string, unknown>;
};

export type CountsReport = {
  projects: number;
  /** Differences found per table (0 everywhere when the counts are right). */
  found: Record<string, number>;
  /** The first few of each table, to show. */
  differences: CountDifference[];
  /** Projects whose counts were rewritten (with `fix`). */
  fixed: string[];
};

const q = (name: string) => `"${name}"`;

/**
 * Recomputes every kept count from the rows (docs/architecture.md,
 * "Counters"): Item.judgmentCount against the judgments, which the item
 * histogram builds on, then each tally table against its …Expected view.
 * A zero row and a missing row are the same. With `fix`, corrects the item
 * counters and rewrites the tallies of every project with a difference
 * (pw_rebuild_counts), then the report still says what was found.
 * Reads every row of the projects it checks: an operator's tool, not a page.
 */
export async function verifyCounts(options: { slug?: string; fix?: boolean } = {}): Promise<CountsReport> {
  let projectId: string | null = null;
  if (options.slug) {
    const project = await db.project.findUnique({ where: { slug: options.slug }, select: { id: true } });
    if (!project) throw new AppError("not_found", `No project with the slug "${options.slug}".`);
    projectId = project.id;
  }
  const projects = projectId ? 1 : await db.project.count();
  const only = (alias: string) => (projectId ? `WHERE ${alias}."projectId" = $1` : "");
  const params = projectId ? [projectId] : [];
  const found: Record<string, number> = {};
  const differences: CountDifference[] = [];
  const touched = new Set<string>();

  const items = await db.$queryRawUnsafe<{ id: string; projectId: string; stored: number; expected: number }[]>(
    `SELECT i."id", i."projectId", i."judgmentCount" AS stored, coalesce(c.n, 0)::int AS expected
     FROM "Item" i LEFT JOIN (SELECT "itemId", count(*)::int AS n FROM "Judgment" GROUP BY 1) c ON c."itemId" = i."id"
     ${only("i")} ${projectId ? "AND" : "WHERE"} i."judgmentCount" <> coalesce(c.n, 0)`,
    ...params,
  );
  found["Item.judgmentCount"] = items.length;
  for (const row of items.slice(0, LISTED)) {
    differences.push({ table: "Item.judgmentCount", key: { projectId: row.projectId, itemId: row.id }, stored: { judgmentCount: row.stored }, expected: { judgmentCount: row.expected } });
  }
  for (const row of items) touched.add(row.projectId);

  for (const kept of KEPT) {
    const using = kept.keys.map(q).join(", ");
    const values = (alias: string) =>
      `json_build_object(${[...kept.counts, ...kept.times].map((c) => `'${c}', ${alias}.${q(c)}`).join(", ")})`;
    const differs = [
      ...kept.counts.map((c) => `coalesce(s.${q(c)}, 0) <> coalesce(e.${q(c)}, 0)`),
      ...kept.times.map((c) => `s.${q(c)} IS DISTINCT FROM e.${q(c)}`),
      ...(kept.table === "ProjectUserTally" ? [`coalesce(s."stale", false)`] : []),
    ].join(" OR ");
    const rows = await db.$queryRawUnsafe<{ key: Record<string, unknown>; stored: Record<string, unknown>; expected: Record<string, unknown> }[]>(
      `SELECT json_build_object(${kept.keys.map((k) => `'${k}', ${q(k)}`).join(", ")}) AS key, ${values("s")} AS stored, ${values("e")} AS expected
       FROM (SELECT * FROM ${q(kept.table)} s ${only("s")}) s
       FULL JOIN (SELECT * FROM ${q(`${kept.table}Expected`)} e ${only("e")}) e USING (${using})
       WHERE ${differs}`,
      ...params,
    );
    found[kept.table] = rows.length;
    differences.push(...rows.slice(0, LISTED).map((row) => ({ table: kept.table, ...row })));
    for (const row of rows) touched.add(String(row.key.projectId));
  }

  const fixed: string[] = [];
  if (options.fix && touched.size > 0) {
    for (const id of touched) {
      await db.$transaction(async (tx) => {
        // Fixing the item counters first lets the rebuild read them right.
        await tx.$executeRaw`
          UPDATE "Item" i SET "judgmentCount" = (SELECT count(*)::int FROM "Judgment" j WHERE j."itemId" = i."id")
          WHERE i."projectId" = ${id} AND i."judgmentCount" <> (SELECT count(*)::int FROM "Judgment" j WHERE j."itemId" = i."id")`;
        await tx.$executeRaw`SELECT pw_rebuild_counts(${id})`;
      }, { timeout: 600_000 });
      fixed.push(id);
    }
  }
  return { projects, found, differences, fixed };
}

/** Whether a report found anything to fix. */
export function hasDifferences(report: CountsReport): boolean {
  return Object.values(report.found).some((n) => n > 0);
}
