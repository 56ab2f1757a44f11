import pg from "pg";

/**
 * What must hold after annotators worked concurrently (docs/architecture.md, "Leasing and overlap"):
 * no item past the overlap, every item that reached it holds exactly that
 * many judgments, no (item, annotator) twice, the counters on Item equal the
 * rows, and every judgment that got a 2xx answer is stored as it was sent.
 */
export type InvariantReport = {
  ok: boolean;
  touched_items: number;
  finished_items: number;
  over_overlap: number;
  duplicates: number;
  count_mismatches: number;
  lease_mismatches: number;
  acknowledged: number;
  acknowledged_missing: number;
  acknowledged_changed: number;
  problems: string[];
};

export async function checkInvariants(
  client: pg.Client | pg.Pool,
  options: { projectId: string; userIds: string[]; acknowledged: Map<string, number> },
): Promise<InvariantReport> {
  const { projectId, userIds, acknowledged } = options;
  // One after the other: a pg.Client runs one query at a time.
  const { rows: [items] } = await client.query<{ touched: number; finished: number; over: number; count_mismatch: number; lease_mismatch: number }>(
      `WITH touched AS (
         SELECT "itemId" FROM "Judgment" WHERE "userId" = ANY($1)
         UNION SELECT "itemId" FROM "Assignment" WHERE "userId" = ANY($1)
       ), counted AS (
         SELECT i."id", i."judgmentCount", i."activeLeases", p."overlap",
                (SELECT count(*)::int FROM "Judgment" j WHERE j."itemId" = i."id") AS judged,
                (SELECT count(*)::int FROM "Assignment" a WHERE a."itemId" = i."id" AND a."open") AS open_leases
           FROM touched t JOIN "Item" i ON i."id" = t."itemId" JOIN "Project" p ON p."id" = i."projectId"
       )
       SELECT count(*)::int AS touched,
              count(*) FILTER (WHERE judged = "overlap")::int AS finished,
              count(*) FILTER (WHERE judged > "overlap")::int AS over,
              count(*) FILTER (WHERE judged <> "judgmentCount")::int AS count_mismatch,
              count(*) FILTER (WHERE open_leases <> "activeLeases")::int AS lease_mismatch
         FROM counted`,
      [userIds],
    );
  const { rows: [dups] } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM "Judgment" WHERE "userId" = ANY($1) GROUP BY "itemId", "userId" HAVING count(*) > 1) d`,
      [userIds],
    );
  const { rows: [overall] } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Item" i JOIN "Project" p ON p."id" = i."projectId"
        WHERE i."projectId" = $1 AND i."judgmentCount" > p."overlap"`,
      [projectId],
    );
  const ids = [...acknowledged.keys()];
  const stored = new Map<string, number>();
  for (let at = 0; at < ids.length; at += 10_000) {
    const { rows } = await client.query<{ clientId: string; preference: number }>(
      `SELECT "clientId", "preference" FROM "Judgment" WHERE "clientId" = ANY($1)`,
      [ids.slice(at, at + 10_000)],
    );
    for (const row of rows) stored.set(row.clientId, row.preference);
  }
  let missing = 0;
  let changed = 0;
  for (const [clientId, preference] of acknowledged) {
    const found = stored.get(clientId);
    if (found === undefined) missing++;
    else if (found !== preference) changed++;
  }
  const report: InvariantReport = {
    ok: true,
    touched_items: items!.touched,
    finished_items: items!.finished,
    over_overlap: Math.max(items!.over, overall!.n),
    duplicates: dups!.n,
    count_mismatches: items!.count_mismatch,
    lease_mismatches: items!.lease_mismatch,
    acknowledged: acknowledged.size,
    acknowledged_missing: missing,
    acknowledged_changed: changed,
    problems: [],
  };
  if (report.over_overlap) report.problems.push(`${report.over_overlap} item(s) past the overlap`);
  if (report.duplicates) report.problems.push(`${report.duplicates} (item, annotator) pair(s) judged twice`);
  if (report.count_mismatches) report.problems.push(`${report.count_mismatches} item(s) whose judgmentCount differs from its judgments`);
  if (report.lease_mismatches) report.problems.push(`${report.lease_mismatches} item(s) whose activeLeases differs from its open assignments`);
  if (missing) report.problems.push(`${missing} acknowledged judgment(s) missing from the database`);
  if (changed) report.problems.push(`${changed} acknowledged judgment(s) stored with another preference`);
  report.ok = report.problems.length === 0;
  return report;
}
