import { db, queryPrepared, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

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
  // Every request with the session cookie asks this (the annotation screen's too): a prepared statement on the driver (lib/db/prepared.ts).
  const [user] = await queryPrepared<{ sessionVersion: number; disabled: boolean; external: boolean }>(
    "pw_session_version",
    Prisma.sql`SELECT "sessionVersion", "disabled", "external" FROM "User" WHERE "id" = ${userId}`,
  );
  return Boolean(user && !user.disabled && !user.external && user.sessionVersion === version);
}
