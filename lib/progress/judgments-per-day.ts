import "server-only";
import { db } from "@/lib/db";

export type DayCount = { date: string; judgments: number };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Judgments made per UTC day over the last `days` days (today included),
 * oldest first, with the days without any filled in as zero so a chart's
 * gaps are real gaps.
 *
 * @internal caller has checked access
 */
export async function judgmentsPerDay(options: { projectId: string; days: number; now?: Date }): Promise<DayCount[]> {
  const { projectId, days, now = new Date() } = options;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const since = new Date(today - (days - 1) * DAY_MS);
  // Timestamps are stored as UTC without a zone, so date_trunc gives UTC days.
  const rows = await db.$queryRaw<{ day: string; n: number }[]>`
    SELECT to_char(date_trunc('day', j."createdAt"), 'YYYY-MM-DD') AS day, count(*)::int AS n
    FROM "Judgment" j JOIN "Item" i ON i."id" = j."itemId"
    WHERE i."projectId" = ${projectId} AND j."createdAt" >= ${since}
    GROUP BY 1`;
  const counts = new Map(rows.map((r) => [r.day, Number(r.n)]));
  return Array.from({ length: days }, (_, i) => {
    const date = new Date(since.getTime() + i * DAY_MS).toISOString().slice(0, 10);
    return { date, judgments: counts.get(date) ?? 0 };
  });
}
