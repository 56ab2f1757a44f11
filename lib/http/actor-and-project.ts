import "server-only";
import { db } from "@/lib/db";
import { actorFromRequest } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { actorFromTokenRow, UNKNOWN_TOKEN, type TokenRow } from "@/lib/api-tokens/actor-from-api-token";
import { hashApiToken } from "@/lib/api-tokens/token-hash";
import { checkProjectAccess, getProjectForActor, type Actor, type ProjectAccess, type ProjectForActor } from "@/lib/permissions";

type Row = ProjectForActor & { [K in keyof TokenRow as `_${K}`]: TokenRow[K] };

/**
 * The caller and the project of a REST request (projectRoute), with the
 * same answers as actorFromRequest then getProjectForActor. With a bearer
 * token that is one round trip: the token, its owner, the project by slug and
 * the owner's membership in one query. Nothing is cached, so a revoked token,
 * a disabled user or a removed membership is refused at the next request. A
 * session cookie (or a malformed Authorization header) takes the two-step path.
 */
export async function actorAndProjectFromRequest(request: Request, slug: string, access: ProjectAccess): Promise<{ actor: Actor; project: ProjectForActor }> {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "");
  if (!match) {
    const actor = await actorFromRequest(request);
    return { actor, project: await getProjectForActor({ actor, slug, access }) };
  }
  const [row] = await db.$queryRaw<Row[]>`
    SELECT p.*, m."role"::text AS "memberRole",
      t."id" AS "_tokenId", t."revokedAt" AS "_revokedAt", t."lastUsedAt" AS "_lastUsedAt",
      u."id" AS "_id", u."email" AS "_email", u."name" AS "_name", u."role"::text AS "_role", u."disabled" AS "_disabled", u."external" AS "_external"
    FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId"
    LEFT JOIN "Project" p ON p."slug" = ${slug}
    LEFT JOIN "Membership" m ON m."projectId" = p."id" AND m."userId" = u."id"
    WHERE t."tokenHash" = ${hashApiToken(match[1]!)}`;
  if (!row) throw new AppError("unauthorized", UNKNOWN_TOKEN);
  const { _tokenId, _revokedAt, _lastUsedAt, _id, _email, _name, _role, _disabled, _external, ...found } = row;
  const actor = await actorFromTokenRow({ tokenId: _tokenId, revokedAt: _revokedAt, lastUsedAt: _lastUsedAt, id: _id, email: _email, name: _name, role: _role, disabled: _disabled, external: _external });
  // No project of that slug: the LEFT JOIN left its columns null.
  return { actor, project: checkProjectAccess({ found: found.id === null ? undefined : found, actor, slug, access }) };
}
