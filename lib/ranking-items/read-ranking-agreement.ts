import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { readRanking, type Ranking } from "./ranking";
import { rankingAgreement, type RankingAgreement } from "./kendall-w";

/**
 * Whether the project has a ranking item: one probe of the partial index
 * Item_ranking_items_idx (ranking items only; migration 20261129110100), so a
 * pair-only project of any size answers from an empty range.
 *
 * @internal caller has checked access
 */
export async function hasRankingItems(projectId: string): Promise<boolean> {
  const rows = await db.$queryRaw<{ one: number }[]>`SELECT 1 AS one FROM "Item" WHERE "projectId" = ${projectId} AND "responses" IS NOT NULL LIMIT 1`;
  return rows.length > 0;
}

/**
 * Agreement on a project's ranking items (kendall-w.ts), or null when it has
 * none. Gold ranking items are checks, not data: left out, as in the pair figures.
 *
 * @internal caller has checked access
 */
export async function readRankingAgreement(projectId: string, scale: number): Promise<RankingAgreement | null> {
  if (!(await hasRankingItems(projectId))) return null;
  const judgments = await db.judgment.findMany({
    where: { ranking: { not: Prisma.DbNull }, item: { projectId, responses: { not: Prisma.DbNull }, goldRanking: { equals: Prisma.DbNull } } },
    orderBy: [{ itemId: "asc" }, { id: "asc" }],
    select: { ranking: true, item: { select: { externalId: true } } },
  });
  const byItem = new Map<string, Ranking[]>();
  for (const judgment of judgments) {
    const ranking = readRanking(judgment.ranking);
    if (!ranking) continue;
    const list = byItem.get(judgment.item.externalId) ?? [];
    list.push(ranking);
    byItem.set(judgment.item.externalId, list);
  }
  return rankingAgreement([...byItem].map(([itemId, rankings]) => ({ itemId, rankings })), scale);
}
