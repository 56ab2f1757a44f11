import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { readRanking, type Ranking } from "./ranking";
import { rankingAgreement, type RankingAgreement } from "./kendall-w";

/**
 * Agreement on a project's ranking items (kendall-w.ts), or null when it has
 * none. Gold ranking items are checks, not data: left out, as in the pair figures.
 *
 * @internal caller has checked access
 */
export async function readRankingAgreement(projectId: string, scale: number): Promise<RankingAgreement | null> {
  const hasRanking = await db.item.findFirst({ where: { projectId, responses: { not: Prisma.DbNull } }, select: { id: true } });
  if (!hasRanking) return null;
  const judgments = await db.judgment.findMany({
    where: { ranking: { not: Prisma.DbNull }, item: { projectId, goldRanking: { equals: Prisma.DbNull } } },
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
