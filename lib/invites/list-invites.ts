import "server-only";
import { db } from "@/lib/db";
import { getProjectForActor, type Actor } from "@/lib/permissions";
import { inviteViewSelect, toInviteView, type InviteView } from "./invite-view";

/**
 * A project's invite links, newest first, with whether each still works.
 * Links that stopped working are listed too (up to `limit` in all) so a lead
 * can see why someone's link fails.
 */
export async function listInvites(options: { actor: Actor; slug: string; limit?: number; now?: Date }): Promise<InviteView[]> {
  const { actor, slug, limit = 100, now = new Date() } = options;
  const project = await getProjectForActor({ actor, slug, access: "lead" });
  const invites = await db.invite.findMany({
    where: { projectId: project.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(limit, 1), 500),
    select: inviteViewSelect,
  });
  return invites.map((invite) => toInviteView(invite, now));
}
