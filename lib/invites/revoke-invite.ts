import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getProjectForActor, type Actor } from "@/lib/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { inviteViewSelect, toInviteView, type InviteView } from "./invite-view";

/** Stops an invite link from working. Members who already joined through it stay. Revoking twice is harmless. */
export async function revokeInvite(options: { actor: Actor; slug: string; inviteId: string; now?: Date }): Promise<InviteView> {
  const { actor, slug, inviteId, now = new Date() } = options;
  const project = await getProjectForActor({ actor, slug, access: "lead" });
  const invite = await db.invite.findFirst({ where: { id: inviteId, projectId: project.id }, select: { id: true, revokedAt: true } });
  if (!invite) throw new AppError("not_found", "No such invite in this project.");
  if (invite.revokedAt) {
    return toInviteView(await db.invite.findUniqueOrThrow({ where: { id: invite.id }, select: inviteViewSelect }), now);
  }
  return db.$transaction(async (tx) => {
    const revoked = await tx.invite.update({ where: { id: invite.id }, data: { revokedAt: now }, select: inviteViewSelect });
    await recordAuditEvent({ actorId: actor.id, projectId: project.id, action: "invite.revoked", details: { invite_id: invite.id } }, tx);
    return toInviteView(revoked, now);
  });
}
