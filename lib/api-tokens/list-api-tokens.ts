import { db } from "@/lib/db";
import type { Actor } from "@/lib/permissions";

export type ApiTokenSummary = {
  id: string;
  name: string;
  /** The first characters of the token, enough to recognise it; never the token. */
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
};

/** The actor's own tokens, newest first, live and revoked (revoked ones stay listed so their history is visible). */
export async function listApiTokens(options: { actor: Actor }): Promise<ApiTokenSummary[]> {
  const rows = await db.apiToken.findMany({
    where: { userId: options.actor.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    take: 500,
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    created_at: row.createdAt.toISOString(),
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    revoked_at: row.revokedAt?.toISOString() ?? null,
  }));
}
