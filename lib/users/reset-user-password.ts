import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/permissions";
import { generatePassword, hashPassword } from "@/lib/auth/password";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { findManagedUser } from "./find-managed-user";
import { bumpSessionVersion } from "@/lib/auth/session-version";

/**
 * Gives a user a new generated password (admins only) and returns it once:
 * only its hash is stored, so the admin must pass it on now. The password
 * never goes into the audit log. A reset assumes the old password may be
 * known to someone else: every session of the user ends and every API token
 * of theirs is revoked (the answer says how many).
 */
export async function resetUserPassword(options: { actor: Actor; userId: string }): Promise<{ id: string; email: string; password: string; tokensRevoked: number }> {
  const { actor, userId } = options;
  const user = await findManagedUser({ actor, userId });
  const password = generatePassword(16);
  const passwordHash = await hashPassword(password);
  const tokensRevoked = await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash }, select: { id: true } });
    await bumpSessionVersion(user.id, tx);
    const revoked = await tx.apiToken.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: new Date() } });
    await recordAuditEvent(
      { actorId: actor.id, action: "user.password_reset", details: { user_id: user.id, email: user.email, tokens_revoked: revoked.count } },
      tx,
    );
    return revoked.count;
  });
  return { id: user.id, email: user.email, password, tokensRevoked };
}
