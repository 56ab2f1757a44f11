import { db } from "@/lib/db";
import { AppError, describeZodIssues } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/permissions";
import { apiTokenName } from "@/lib/validations/api-token";
import { generateApiToken } from "./token-hash";

export type CreatedApiToken = {
  /** The secret itself: returned this once, never stored (only its SHA-256 is). */
  token: string;
  id: string;
  name: string;
  prefix: string;
  created_at: string;
};

/** Enough for every script and machine a person has; a runaway loop stops here. */
export const MAX_LIVE_TOKENS = 100;

/**
 * Any signed-in user may create tokens for themselves: a token acts with its
 * owner's role and memberships (re-read on every request), so it grants
 * nothing the owner could not already do in the browser.
 */
export async function createApiToken(options: { actor: Actor; name: string }): Promise<CreatedApiToken> {
  const parsed = apiTokenName.safeParse(options.name);
  if (!parsed.success) throw new AppError("unprocessable", `name: ${describeZodIssues(parsed.error.issues)}`);
  const name = parsed.data;
  const live = await db.apiToken.count({ where: { userId: options.actor.id, revokedAt: null } });
  if (live >= MAX_LIVE_TOKENS) {
    throw new AppError("conflict", `You already have ${live} live tokens: revoke the ones you no longer use first.`);
  }
  const { token, hash, prefix } = generateApiToken();
  const created = await db.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: { name, userId: options.actor.id, tokenHash: hash, prefix },
      select: { id: true, name: true, prefix: true, createdAt: true },
    });
    await recordAuditEvent({ actorId: options.actor.id, action: "token.created", details: { tokenId: row.id, name, prefix } }, tx);
    return row;
  });
  return { token, id: created.id, name: created.name, prefix: created.prefix, created_at: created.createdAt.toISOString() };
}
