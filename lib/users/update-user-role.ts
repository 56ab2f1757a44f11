import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/permissions";
import type { Role } from "@/lib/generated/prisma/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { findManagedUser } from "./find-managed-user";
import { bumpSessionVersion } from "@/lib/auth/session-version";

/**
 * Changes a user's global role (admins only, never their own). Takes effect at
 * the user's next request: roles are re-read from the database every time.
 * Project memberships stay; a LEAD membership only counts while the global
 * role is not ANNOTATOR (lib/permissions.ts). The user's sessions end too, so
 * they sign in again under the new role.
 */
export async function updateUserRole(options: { actor: Actor; userId: string; role: Role }): Promise<{ id: string; role: Role }> {
  const { actor, userId, role } = options;
  const user = await findManagedUser({ actor, userId, notSelf: "You cannot change your own role; ask another admin." });
  if (user.role === role) return { id: user.id, role };
  return db.$transaction(async (tx) => {
    const updated = await tx.user.update({ where: { id: user.id }, data: { role }, select: { id: true, role: true } });
    await bumpSessionVersion(user.id, tx);
    await recordAuditEvent({ actorId: actor.id, action: "user.role_changed", details: { user_id: user.id, email: user.email, from: user.role, to: role } }, tx);
    return updated;
  });
}
