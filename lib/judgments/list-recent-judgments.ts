import "server-only";
import { readRanking, type Ranking } from "@/lib/ranking-items/ranking";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export type RecentJudgment = {
  itemId: string;
  externalId: string;
  /** Null for a ranking item's judgment, which has `ranking` (tiers best first, item indices). */
  preference: number | null;
  ranking: Ranking | null;
  flags: string[];
  rationale: string;
  attributes: Prisma.JsonValue;
  shownSwapped: boolean | null;
  durationMs: number | null;
  createdAt: Date;
  updatedAt: Date;
};

/**
 * The user's latest judgments in a project, newest first: the annotation
 * screen's undo stack. Reads the (userId, createdAt) index; only this user's
 * own judgments are ever returned.
 *
 * @internal caller has checked access
 */
export async function listRecentJudgments(options: {
  userId: string;
  projectId: string;
  limit?: number;
}): Promise<RecentJudgment[]> {
  const { userId, projectId, limit = 10 } = options;
  const take = Math.min(Math.max(Math.trunc(limit) || 1, 1), 100);
  const rows = await db.judgment.findMany({
    where: { userId, item: { projectId } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: {
      itemId: true,
      preference: true,
      ranking: true,
      flags: true,
      rationale: true,
      attributes: true,
      shownSwapped: true,
      durationMs: true,
      createdAt: true,
      updatedAt: true,
      item: { select: { externalId: true } },
    },
  });
  return rows.map(({ item, ranking, ...judgment }) => ({ ...judgment, ranking: readRanking(ranking), externalId: item.externalId }));
}
