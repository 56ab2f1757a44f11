import "server-only";
import { queryPrepared } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { actorFromRequest, requireSessionUserId } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { actorFromTokenRow, UNKNOWN_TOKEN, type TokenRow } from "@/lib/api-tokens/actor-from-api-token";
import { hashApiToken } from "@/lib/api-tokens/token-hash";
import { assertCookieWriteAllowed } from "@/lib/http/same-origin";
import { actorFromUser, checkProjectAccess, getProjectForActor, type Actor, type ProjectAccess, type ProjectForActor } from "@/lib/permissions";

type UserColumns = Omit<TokenRow, "tokenId" | "revokedAt" | "lastUsedAt">;
type Prefixed<T> = { [K in keyof T as `_${K & string}`]: T[K] };
type TokenProjectRow = ProjectForActor & Prefixed<TokenRow>;
type UserProjectRow = ProjectForActor & Prefixed<UserColumns>;

/** The project by slug and the user's membership in it, beside the user's columns (prefixed `_`). */
const userAndProject = Prisma.sql`
  SELECT p.*, m."role"::text AS "memberRole",
    u."id" AS "_id", u."email" AS "_email", u."name" AS "_name", u."role"::text AS "_role", u."disabled" AS "_disabled", u."external" AS "_external"`;
const projectJoins = (slug: string) => Prisma.sql`
  LEFT JOIN "Project" p ON p."slug" = ${slug}
  LEFT JOIN "Membership" m ON m."projectId" = p."id" AND m."userId" = u."id"`;

/** No project of that slug: the LEFT JOIN left its columns null. */
function projectOf(found: ProjectForActor, actor: Actor, slug: string, access: ProjectAccess): ProjectForActor {
  return checkProjectAccess({ found: found.id === null ? undefined : found, actor, slug, access });
}

/**
 * The caller and the project of a REST request (projectRoute), with the
 * same answers as actorFromRequest then getProjectForActor, in one statement
 * after the session check. With a bearer token: the token, its owner, the
 * project by slug and the owner's membership. With the session cookie (the
 * annotation screen): next-auth's session check (its own statement, the
 * session version), then the user, the project and the membership. Both run as
 * named prepared statements on the driver (lib/db/prepared.ts). Nothing is
 * cached, so a revoked token, a disabled user or a removed membership is
 * refused at the next request. A malformed Authorization header takes the
 * two-step path (and its 401).
 */
export async function actorAndProjectFromRequest(request: Request, slug: string, access: ProjectAccess): Promise<{ actor: Actor; project: ProjectForActor }> {
  const header = request.headers.get("authorization");
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  if (!match && header) {
    const actor = await actorFromRequest(request);
    return { actor, project: await getProjectForActor({ actor, slug, access }) };
  }
  if (!match) {
    const userId = await requireSessionUserId();
    const [row] = await queryPrepared<UserProjectRow>("pw_session_actor_project", Prisma.sql`${userAndProject}
      FROM "User" u ${projectJoins(slug)}
      WHERE u."id" = ${userId}`);
    const { _id, _email, _name, _role, _disabled, _external, ...found } = row ?? ({} as UserProjectRow);
    const actor = actorFromUser(row ? { id: _id, email: _email, name: _name, role: _role, disabled: _disabled, external: _external } : null);
    assertCookieWriteAllowed(request);
    return { actor, project: projectOf(found as ProjectForActor, actor, slug, access) };
  }
  const [row] = await queryPrepared<TokenProjectRow>("pw_token_actor_project", Prisma.sql`${userAndProject},
      t."id" AS "_tokenId", t."revokedAt" AS "_revokedAt", t."lastUsedAt" AS "_lastUsedAt"
    FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId" ${projectJoins(slug)}
    WHERE t."tokenHash" = ${hashApiToken(match[1]!)}`);
  if (!row) throw new AppError("unauthorized", UNKNOWN_TOKEN);
  const { _tokenId, _revokedAt, _lastUsedAt, _id, _email, _name, _role, _disabled, _external, ...found } = row;
  const actor = await actorFromTokenRow({ tokenId: _tokenId, revokedAt: _revokedAt, lastUsedAt: _lastUsedAt, id: _id, email: _email, name: _name, role: _role, disabled: _disabled, external: _external });
  return { actor, project: projectOf(found, actor, slug, access) };
}
