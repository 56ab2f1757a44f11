import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getProjectForActor, type Actor } from "@/lib/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { QualityStatus } from "@/lib/generated/prisma/client";

export const qualityActions = ["admit", "retry", "readmit", "pause"] as const;
export type QualityAction = (typeof qualityActions)[number];

/** Which statuses each action applies to, and where it leads. */
const transitions: Record<QualityAction, { from: readonly QualityStatus[]; to: QualityStatus }> = {
  admit: { from: ["QUALIFYING", "NOT_QUALIFIED"], to: "ACTIVE" },
  retry: { from: ["NOT_QUALIFIED", "QUALIFYING", "PAUSED"], to: "QUALIFYING" },
  readmit: { from: ["PAUSED"], to: "ACTIVE" },
  pause: { from: ["ACTIVE", "QUALIFYING"], to: "PAUSED" },
};

/** The actions a lead can take on a member with this status (the members page shows these buttons). */
export function actionsFor(status: QualityStatus): QualityAction[] {
  return qualityActions.filter((action) => transitions[action].from.includes(status));
}

/**
 * A lead's decision on an annotator's gold-check standing (leads and admins
 * of the project; audited): admit (ACTIVE, skipping or overruling the
 * qualification), retry (a new qualification round from now), readmit (a
 * paused annotator back to ACTIVE; the rolling window restarts now, so the old
 * answers cannot pause them again at once) and pause. An action that does not
 * apply to the member's status is a 409 that says which would.
 */
export async function setAnnotatorQualityStatus(options: {
  actor: Actor;
  slug: string;
  userId: string;
  action: QualityAction;
  now?: Date;
}): Promise<{ user_id: string; quality_status: QualityStatus }> {
  const { actor, userId, action, now = new Date() } = options;
  const project = await getProjectForActor({ actor, slug: options.slug, access: "lead" });
  return db.$transaction(async (tx) => {
    const [membership] = await tx.$queryRaw<{ id: string; role: string; qualityStatus: QualityStatus }[]>`
      SELECT "id", "role"::text AS "role", "qualityStatus"::text AS "qualityStatus" FROM "Membership"
      WHERE "userId" = ${userId} AND "projectId" = ${project.id} FOR UPDATE`;
    if (!membership) throw new AppError("not_found", `That user is not a member of "${project.slug}".`);
    if (membership.role !== "ANNOTATOR") throw new AppError("conflict", "Gold checks apply to annotators; a lead has no check status.");
    const rule = transitions[action];
    if (!rule.from.includes(membership.qualityStatus)) {
      const allowed = actionsFor(membership.qualityStatus);
      throw new AppError(
        "conflict",
        `This annotator is ${membership.qualityStatus.toLowerCase().replace("_", " ")}: "${action}" does not apply${allowed.length ? ` (use ${allowed.join(" or ")})` : ""}.`,
      );
    }
    await tx.membership.update({
      where: { id: membership.id },
      data: { qualityStatus: rule.to, qualityStatusAt: now, ...(action === "retry" ? { qualifyingSince: now } : {}) },
    });
    await recordAuditEvent(
      { actorId: actor.id, projectId: project.id, action: "member.quality_status", details: { user_id: userId, from: membership.qualityStatus, to: rule.to, action } },
      tx,
    );
    return { user_id: userId, quality_status: rule.to };
  });
}
