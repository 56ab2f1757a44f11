import "server-only";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { QualityRules } from "./quality-rules";

/**
 * The one place a gold answer moves an annotator's standing
 * (docs/formats.md, "Gold, qualification and re-checks"). In one transaction
 * that locks the membership row, so two answers at once are evaluated one
 * after the other on the answers both have stored:
 *
 * - QUALIFYING, with `qualificationItems` gold items answered since
 *   `qualifyingSince`: ACTIVE at or above `qualificationPassMark`, else NOT_QUALIFIED.
 * - ACTIVE, with `pauseBelowAccuracy` set and at least `pauseMinGold` gold
 *   answers since the member became active (`qualityStatusAt`; a re-admission
 *   restarts it): PAUSED when the accuracy of the last `goldWindow` of them is
 *   below the threshold.
 *
 * Each change is audited with the figures it was decided on. Returns the new status when it changed.
 *
 * @internal caller has checked access
 */
export async function applyGoldRules(options: {
  userId: string;
  projectId: string;
  rules: Pick<QualityRules, "qualificationItems" | "qualificationPassMark" | "pauseBelowAccuracy" | "pauseMinGold" | "goldWindow">;
  now?: Date;
}): Promise<string | null> {
  const { userId, projectId, rules, now = new Date() } = options;
  return db.$transaction(
    async (tx) => {
      const [m] = await tx.$queryRaw<{ id: string; qualityStatus: string; qualifyingSince: Date | null; qualityStatusAt: Date | null }[]>`
        SELECT "id", "qualityStatus"::text AS "qualityStatus", "qualifyingSince", "qualityStatusAt" FROM "Membership"
        WHERE "userId" = ${userId} AND "projectId" = ${projectId} FOR UPDATE`;
      if (!m) return null;
      let next: "ACTIVE" | "NOT_QUALIFIED" | "PAUSED" | null = null;
      let details: Record<string, unknown> = {};
      if (m.qualityStatus === "QUALIFYING" && rules.qualificationItems > 0) {
        const since = m.qualifyingSince ?? new Date(0);
        const [row] = await tx.$queryRaw<{ answered: number; correct: number }[]>`
          SELECT count(*)::int AS "answered", count(*) FILTER (WHERE "correct")::int AS "correct" FROM "CheckAnswer"
          WHERE "projectId" = ${projectId} AND "userId" = ${userId} AND "kind" = 'GOLD' AND "answeredAt" >= ${since}`;
        if (row && row.answered >= rules.qualificationItems) {
          const accuracy = row.correct / row.answered;
          next = accuracy >= rules.qualificationPassMark - 1e-9 ? "ACTIVE" : "NOT_QUALIFIED";
          details = { answered: row.answered, correct: row.correct, passMark: rules.qualificationPassMark };
        }
      } else if (m.qualityStatus === "ACTIVE" && rules.pauseBelowAccuracy != null) {
        const after = m.qualityStatusAt ?? new Date(0);
        const recent = await tx.$queryRaw<{ correct: boolean | null }[]>`
          SELECT "correct" FROM "CheckAnswer"
          WHERE "projectId" = ${projectId} AND "userId" = ${userId} AND "kind" = 'GOLD' AND "answeredAt" > ${after}
          ORDER BY "answeredAt" DESC, "id" DESC`;
        if (recent.length >= rules.pauseMinGold && recent.length > 0) {
          const window = recent.slice(0, Math.max(rules.goldWindow, 1));
          const correct = window.filter((r) => r.correct).length;
          const accuracy = correct / window.length;
          if (accuracy < rules.pauseBelowAccuracy) {
            next = "PAUSED";
            details = { window: window.length, correct, accuracy, threshold: rules.pauseBelowAccuracy };
          }
        }
      }
      if (!next) return null;
      await tx.membership.update({ where: { id: m.id }, data: { qualityStatus: next, qualityStatusAt: now } });
      await recordAuditEvent(
        { actorId: null, projectId, action: "member.quality_status", details: { user_id: userId, from: m.qualityStatus, to: next, automatic: true, ...details } },
        tx,
      );
      return next;
    },
    { maxWait: 15_000, timeout: 30_000 },
  );
}
