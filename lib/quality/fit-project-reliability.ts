import "server-only";
import { db } from "@/lib/db";
import { createJudgmentCollector } from "@/lib/agreement/collect-judgments";
import { readVoteGroups } from "@/lib/export/read-item-groups";
import { anchorWithGold, type GoldObservation } from "./anchor-with-gold";
import { fitDawidSkene } from "./fit-dawid-skene";
import { directionCode } from "./prepare-em-input";

/**
 * Every answered gold item of a project with the first answer each
 * annotator gave it (CheckAnswer.firstPreference, as scores use) and the
 * item's gold label, in answer order; `label` names the annotator as the
 * caller's fit does (a pseudonym, or the user id).
 *
 * @internal caller has checked access
 */
export async function readGoldObservations(projectId: string, label: (userId: string) => string = (id) => id): Promise<GoldObservation[]> {
  const rows = await db.$queryRaw<{ itemId: string; userId: string; preference: number; goldPreference: number }[]>`
    SELECT c."itemId", c."userId", c."firstPreference" AS "preference", i."goldPreference"
    FROM "CheckAnswer" c JOIN "Item" i ON i."id" = c."itemId"
    WHERE c."projectId" = ${projectId} AND c."kind" = 'GOLD' AND c."answeredAt" IS NOT NULL
      AND c."firstPreference" IS NOT NULL AND i."goldPreference" IS NOT NULL
    ORDER BY c."answeredAt", c."id"`;
  return rows.map((row) => ({ itemId: row.itemId, annotator: label(row.userId), preference: row.preference, goldPreference: row.goldPreference }));
}

/** An item's posterior over (A, tie, B), or null for an item the fit never saw. */
export type PosteriorLookup = (itemId: string) => readonly [number, number, number] | null;

/**
 * The reliability model a `consensus=reliability` export uses: fitted once,
 * before the first line, on every judgment of the project's real items in
 * the export's date range (item id, annotator and preference only, read in
 * the export's keyset batches into typed columns), anchored by the gold
 * answers. Gold items answer their gold label with certainty, as the fit
 * clamps them. Memory: the collector's columns (a few bytes per judgment)
 * plus one map entry per item.
 *
 * @internal caller has checked access
 */
export async function fitExportReliability(
  projectId: string,
  options: { from?: Date; to?: Date; signal?: AbortSignal; batchSize?: number } = {},
): Promise<PosteriorLookup> {
  const collector = createJudgmentCollector();
  const filters = { from: options.from, to: options.to, excludeGold: true };
  for await (const batch of readVoteGroups({ projectId, filters, signal: options.signal, batchSize: options.batchSize })) {
    for (const group of batch) for (const [userId, preference] of group.votes) collector.add({ itemId: group.itemId, annotator: userId, preference });
  }
  const table = collector.build();
  const fit = fitDawidSkene(anchorWithGold(table, await readGoldObservations(projectId)));
  const index = new Map<string, number>();
  table.itemIds.forEach((id, i) => index.set(id, i));
  const goldItems = await db.item.findMany({ where: { projectId, goldPreference: { not: null } }, select: { id: true, goldPreference: true } });
  const gold = new Map<string, number>();
  for (const item of goldItems) gold.set(item.id, directionCode(item.goldPreference));
  const q = fit.posterior;
  return (itemId) => {
    const g = gold.get(itemId);
    if (g !== undefined && g >= 0) return [g === 0 ? 1 : 0, g === 1 ? 1 : 0, g === 2 ? 1 : 0];
    const i = index.get(itemId);
    return i === undefined ? null : [q[i * 3]!, q[i * 3 + 1]!, q[i * 3 + 2]!];
  };
}
