import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { findManagedUser } from "./find-managed-user";
import { bumpSessionVersion } from "@/lib/auth/session-version";
import { releaseLeases } from "@/lib/assignment/release-leases";

/**
 * Disables or re-enables an account (admins only, never their own). A disabled
 * user is refused at their next request — page, action or API token — since
 * loadActor re-reads the flag; their judgments and memberships stay. Their
 * sessions end for good: enabling the account again does not revive them.
 */
export async function setUserDisabled(options: { actor: Actor; userId: string; disabled: boolean }): Promise<{ id: string; disabled: boolean }> {
  const { actor, userId, disabled } = options;
  const user = await findManagedUser({ actor, userId, notSelf: disabled ? "You cannot disable your own account." : undefined });
  if (user.disabled === disabled) return { id: user.id, disabled };
  return db.$transaction(async (tx) => {
    const updated = await tx.user.update({ where: { id: user.id }, data: { disabled }, select: { id: true, disabled: true } });
    // Open leases would hold items out of the pool until they expire; hand them back now.
    if (disabled) await releaseLeases({ userId: user.id }, { tx });
    if (disabled) await bumpSessionVersion(user.id, tx);
    await recordAuditEvent({ actorId: actor.id, action: disabled ? "user.disabled" : "user.enabled", details: { user_id: user.id, email: user.email } }, tx);
    return updated;
  });
}
