import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/permissions";
import { hashApiToken } from "./token-hash";

const TOUCH_INTERVAL_MS = 60_000;
export const UNKNOWN_TOKEN = "This API token is unknown or revoked.";

/**
 * The actor behind a bearer token: the token and its owner in one round trip
 * (it replaces authenticateApiToken + loadActor on the REST hot path). A
 * revoked token, or one whose owner is disabled or gone, is refused at once.
 * Use is recorded at most once a minute.
 */
export async function actorFromApiToken(token: string): Promise<Actor> {
  const [row] = await db.$queryRaw<TokenRow[]>`
    SELECT t."id" AS "tokenId", t."revokedAt", t."lastUsedAt", u."id", u."email", u."name", u."role"::text AS "role", u."disabled", u."external"
    FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId" WHERE t."tokenHash" = ${hashApiToken(token)}`;
  return actorFromTokenRow(row);
}

/** A token and its owner as read (undefined: unknown token): the refusals and the use record of actorFromApiToken. */
export type TokenRow = { tokenId: string; revokedAt: Date | null; lastUsedAt: Date | null; id: string; email: string; name: string; role: Actor["role"]; disabled: boolean; external: boolean };

export async function actorFromTokenRow(row: TokenRow | undefined): Promise<Actor> {
  if (!row || row.revokedAt) throw new AppError("unauthorized", UNKNOWN_TOKEN);
  if (row.disabled || row.external) throw new AppError("unauthorized", "This account is disabled or no longer exists.");
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.apiToken.update({ where: { id: row.tokenId }, data: { lastUsedAt: new Date() } });
  }
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}
