import { db } from "@/lib/db";
import { wilsonInterval } from "@/lib/stats/wilson";
import { AppError } from "@/lib/errors";
import { choiceOf, type Choice } from "@/lib/scale/preference-scale";
import { getPseudonymKey, pseudonymizer } from "@/lib/export/pseudonym";

/**
 * Agreement with the source (docs/formats.md, "Agreement with the source"):
 * how often the project's annotators pick the label an imported dataset
 * came with. Directions only (A, tie, B): a reference has no strength.
 *
 * - Overall: among items with a reference and at least one judgment, the
 *   share whose consensus (the sign of the sum of the judgments, as in the
 *   trl export) equals the reference's direction.
 * - Per annotator: the share of their judgments on such items whose
 *   direction equals the reference's.
 * - Overturned: the items where the consensus differs from the reference,
 *   for review (the export's `source_agreement=disagree` writes the same set).
 * Each share comes with a Wilson 95% score interval.
 */

export type Interval = { low: number; high: number };
export type Share = { agree: number; total: number; rate: number | null; interval: Interval | null };
export type OverturnedItem = { item_id: string; source: string; reference: Choice; consensus: Choice; n_judgments: number; mean: number };
export type SourceAgreement = {
  /** The sources' names (the first by name is compared when an item has several). */
  sources: string[];
  /** Items with a reference label. */
  reference_items: number;
  /** Of those, the items with at least one judgment: what `overall` counts. */
  judged_items: number;
  overall: Share;
  per_annotator: ({ annotator: string } & Share)[];
  /** Up to `limit` items where the consensus differs from the reference, most-judged first. */
  overturned: OverturnedItem[];
  total_overturned: number;
};

export { wilsonInterval };

function share(agree: number, total: number): Share {
  return { agree, total, rate: total > 0 ? agree / total : null, interval: wilsonInterval(agree, total) };
}

export type ReferenceRow = { externalId: string; source: string; reference: number; annotator: string | null; preference: number | null };

/** The figures from one row per (item, judgment), judgment fields null for an unjudged item. Pure, for tests. */
export function computeSourceAgreement(rows: readonly ReferenceRow[], limit = 100): SourceAgreement {
  const items = new Map<string, { source: string; reference: number; preferences: number[] }>();
  const annotators = new Map<string, { agree: number; total: number }>();
  const sources = new Set<string>();
  for (const row of rows) {
    sources.add(row.source);
    let item = items.get(row.externalId);
    if (!item) items.set(row.externalId, (item = { source: row.source, reference: row.reference, preferences: [] }));
    if (row.preference === null || row.annotator === null) continue;
    item.preferences.push(row.preference);
    const tally = annotators.get(row.annotator) ?? { agree: 0, total: 0 };
    tally.total++;
    if (choiceOf(row.preference) === choiceOf(row.reference)) tally.agree++;
    annotators.set(row.annotator, tally);
  }
  let judged = 0;
  let agree = 0;
  const overturned: OverturnedItem[] = [];
  for (const [externalId, item] of items) {
    const n = item.preferences.length;
    if (n === 0) continue;
    judged++;
    const sum = item.preferences.reduce((s, p) => s + p, 0);
    const consensus = choiceOf(sum);
    const reference = choiceOf(item.reference);
    if (consensus === reference) agree++;
    else overturned.push({ item_id: externalId, source: item.source, reference, consensus, n_judgments: n, mean: sum / n });
  }
  overturned.sort((x, y) => y.n_judgments - x.n_judgments || Math.abs(y.mean) - Math.abs(x.mean) || (x.item_id < y.item_id ? -1 : 1));
  return {
    sources: [...sources].sort(),
    reference_items: items.size,
    judged_items: judged,
    overall: share(agree, judged),
    per_annotator: [...annotators]
      .map(([annotator, t]) => ({ annotator, ...share(t.agree, t.total) }))
      .sort((x, y) => (x.annotator < y.annotator ? -1 : 1)),
    overturned: overturned.slice(0, limit),
    total_overturned: overturned.length,
  };
}

/**
 * The rows of agreement with the source ($1 the project id), driven by the
 * project's references (ReferenceJudgment(projectId, itemId)): the first
 * source by name per item, then that item's judgments. A project with few or
 * no references costs as little, whatever its number of items
 * (bench/plans/source-agreement.txt, which explains this very text).
 */
export const SOURCE_AGREEMENT_SQL = `SELECT i."externalId", r."source", r."preference" AS "reference", j."userId", j."preference"
  FROM (SELECT DISTINCT ON (r."itemId") r."itemId", r."source", r."preference"
          FROM "ReferenceJudgment" r WHERE r."projectId" = $1
         ORDER BY r."itemId", r."source") r
  JOIN "Item" i ON i."id" = r."itemId" AND i."projectId" = $1
  LEFT JOIN "Judgment" j ON j."itemId" = i."id"
  ORDER BY i."id", j."id"`;

/**
 * The project's agreement with its reference labels; annotators named by the
 * same pseudonyms as the raw export and the agreement figures.
 *
 * @internal caller has checked access
 */
export async function getSourceAgreement({ projectId, limit }: { projectId: string; limit?: number }): Promise<SourceAgreement> {
  const project = await db.project.findUnique({ where: { id: projectId }, select: { id: true } });
  if (!project) throw new AppError("not_found", "project not found");
  const rows = await db.$queryRawUnsafe<{ externalId: string; source: string; reference: number; userId: string | null; preference: number | null }[]>(
    SOURCE_AGREEMENT_SQL,
    projectId,
  );
  const label = pseudonymizer(await getPseudonymKey(projectId));
  return computeSourceAgreement(
    rows.map((row) => ({ externalId: row.externalId, source: row.source, reference: row.reference, annotator: row.userId === null ? null : label(row.userId), preference: row.preference })),
    limit,
  );
}
