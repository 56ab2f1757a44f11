import { db, type Tx } from "@/lib/db";

/**
 * Every session JWT carries the user's session version from sign-in (`sv`).
 * Bumping it ends every session signed before: the jwt callback compares the
 * two on each request (lib/auth/options.ts). Bumped by a password reset, a
 * role change, disabling and "sign out everywhere".
 */
export async function bumpSessionVersion(userId: string, tx?: Tx): Promise<void> {
  await (tx ?? db).user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } }, select: { id: true } });
}

/** True when the token's user may still sign in and the token was signed at the user's current version. */
export async function isSessionCurrent(userId: unknown, version: unknown): Promise<boolean> {
  if (typeof userId !== "string" || typeof version !== "number") return false;
  const user = await db.user.findUnique({ where: { id: userId }, select: { sessionVersion: true, disabled: true, external: true } });
  return Boolean(user && !user.disabled && !user.external && user.sessionVersion === version);
}
