import "server-only";
import { db } from "@/lib/db";

export type DayCount = { date: string; judgments: number };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Judgments made per UTC day over the last `days` days (today included),
 * oldest first, with the days without any filled in as zero so a chart's
 * gaps are real gaps. Read from the kept ProjectDayTally (days × annotators
 * rows), never from Judgment.
 *
 * @internal caller has checked access
 */
export async function judgmentsPerDay(options: { projectId: string; days: number; now?: Date }): Promise<DayCount[]> {
  const { projectId, days, now = new Date() } = options;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const since = new Date(today - (days - 1) * DAY_MS);
  const rows = await db.projectDayTally.groupBy({
    by: ["day"],
    where: { projectId, day: { gte: since } },
    _sum: { judgments: true },
  });
  const counts = new Map(rows.map((r) => [r.day.toISOString().slice(0, 10), r._sum.judgments ?? 0]));
  return Array.from({ length: days }, (_, i) => {
    const date = new Date(since.getTime() + i * DAY_MS).toISOString().slice(0, 10);
    return { date, judgments: counts.get(date) ?? 0 };
  });
}
