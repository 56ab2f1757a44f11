import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getProjectForActor, type Actor } from "@/lib/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { assertAnotherLead } from "./assert-another-lead";
import { releaseLeases } from "@/lib/assignment/release-leases";

/**
 * Removes a member from a project (its leads and admins). Their judgments
 * stay: they are the project's data. Their open leases are closed and taken
 * off the items' counters at once, so the items return to the pool now
 * rather than when the leases expire.
 */
export async function removeMember(options: { actor: Actor; slug: string; userId: string }): Promise<{ released_leases: number }> {
  const { actor, userId } = options;
  const project = await getProjectForActor({ actor, slug: options.slug, access: "lead" });
  return db.$transaction(async (tx) => {
    const membership = await tx.membership.findUnique({
      where: { userId_projectId: { userId, projectId: project.id } },
      select: { id: true, role: true, user: { select: { email: true } } },
    });
    if (!membership) throw new AppError("not_found", `That user is not a member of "${project.slug}".`);
    if (membership.role === "LEAD") await assertAnotherLead(tx, project.id, userId);
    await tx.membership.delete({ where: { id: membership.id } });
    const releasedLeases = await releaseLeases({ userId, projectId: project.id }, { tx });
    await recordAuditEvent(
      {
        actorId: actor.id,
        projectId: project.id,
        action: "member.removed",
        details: { user_id: userId, email: membership.user.email, role: membership.role, released_leases: releasedLeases },
      },
      tx,
    );
    return { released_leases: releasedLeases };
  });
}
