import "server-only";
import { db } from "@/lib/db";
import type { QualityStatus } from "@/lib/generated/prisma/client";

/**
 * Each annotator member's gold-check status, by user id (leads have none).
 *
 * @internal caller has checked access
 */
export async function readQualityStatuses(projectId: string): Promise<Map<string, QualityStatus>> {
  const rows = await db.membership.findMany({ where: { projectId, role: "ANNOTATOR" }, select: { userId: true, qualityStatus: true } });
  return new Map(rows.map((row) => [row.userId, row.qualityStatus]));
}

/** How a status reads on the members and quality pages. */
export const qualityStatusLabel: Record<QualityStatus, string> = {
  QUALIFYING: "qualifying",
  ACTIVE: "active",
  PAUSED: "paused",
  NOT_QUALIFIED: "not qualified",
};
