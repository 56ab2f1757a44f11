import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { isAdmin, type Actor } from "@/lib/permissions";

export type RevokedApiToken = { id: string; name: string; revoked_at: string };

/**
 * Revokes a token: its owner may, and an admin may revoke anyone's (a leaked
 * token is an admin's problem too). authenticateApiToken refuses it from the
 * next request on. Revoking twice is harmless and keeps the first time.
 */
export async function revokeApiToken(options: { actor: Actor; tokenId: string }): Promise<RevokedApiToken> {
  const { actor, tokenId } = options;
  const token = await db.apiToken.findUnique({
    where: { id: tokenId },
    select: { id: true, name: true, userId: true, revokedAt: true },
  });
  // Someone else's token answers like a missing one: ids of other users' tokens are not confirmed.
  if (!token || (token.userId !== actor.id && !isAdmin(actor))) throw new AppError("not_found", "No such API token.");
  if (token.revokedAt) return { id: token.id, name: token.name, revoked_at: token.revokedAt.toISOString() };
  const revokedAt = new Date();
  await db.$transaction(async (tx) => {
    // Conditional, so two revocations racing record one event.
    const changed = await tx.apiToken.updateMany({ where: { id: token.id, revokedAt: null }, data: { revokedAt } });
    if (changed.count === 0) return;
    await recordAuditEvent(
      { actorId: actor.id, action: "token.revoked", details: { tokenId: token.id, name: token.name, ownerId: token.userId } },
      tx,
    );
  });
  return { id: token.id, name: token.name, revoked_at: revokedAt.toISOString() };
}
