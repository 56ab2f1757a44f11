import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/permissions";
import { generatePassword, hashPassword } from "@/lib/auth/password";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { findManagedUser } from "./find-managed-user";

/**
 * Gives a user a new generated password (admins only) and returns it once:
 * only its hash is stored, so the admin must pass it on now. The password
 * never goes into the audit log.
 */
export async function resetUserPassword(options: { actor: Actor; userId: string }): Promise<{ id: string; email: string; password: string }> {
  const { actor, userId } = options;
  const user = await findManagedUser({ actor, userId });
  const password = generatePassword(16);
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash }, select: { id: true } });
    await recordAuditEvent({ actorId: actor.id, action: "user.password_reset", details: { user_id: user.id, email: user.email } }, tx);
  });
  return { id: user.id, email: user.email, password };
}
