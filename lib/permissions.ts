import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Project, ProjectRole, Role } from "@/lib/generated/prisma/client";

/**
 * Who may do what, in one place. Every page, server action, route handler and
 * CLI command goes through these functions, and each re-reads the user from
 * the database, so a disabled user or a removed role is out at the next request.
 *
 * The access convention of lib/ (test/access-convention.test.ts enforces it):
 *
 * - An ENTRY POINT is what pages, server actions, REST routes and the CLI
 *   call. It takes the actor and the project's slug (`{ actor, slug, … }`), or
 *   just the actor for what is not about one project, and checks access
 *   itself with getProjectForActor (or assertAdmin…) before anything else.
 *   Callers check nothing; a wrapper's check (projectRoute) is a second one.
 * - An INTERNAL takes a `projectId` (or a project row) and trusts its caller:
 *   it is called only by an entry point, or by a caller that has just loaded
 *   the project through getProjectForActor. Its JSDoc says so with the tag
 *   `@internal caller has checked access`. No exported function of lib/ takes
 *   a projectId without that tag.
 * - A project the actor is no member of answers 404, as an unknown slug does:
 *   slugs cannot be probed. Who may see annotators' names is
 *   annotatorIdentityScope's answer, nobody else's.
 */
export type Actor = { id: string; email: string; name: string; role: Role };

export type ProjectAccess = "view" | "annotate" | "lead";

/** A project as getProjectForActor hands it out: the row and the actor's role in it (null for an admin who is no member). */
export type ProjectForActor = Project & { memberRole: ProjectRole | null };

export async function loadActor(userId: string | null | undefined): Promise<Actor> {
  if (!userId) throw new AppError("unauthorized", "Sign in first.");
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, role: true, disabled: true, external: true },
  });
  return actorFromUser(user);
}

/** loadActor's rule on a user row once read (also read together with the project: lib/http/actor-and-project.ts). */
export function actorFromUser(user: { id: string; email: string; name: string; role: Actor["role"]; disabled: boolean; external: boolean } | null | undefined): Actor {
  if (!user || user.disabled || user.external) throw new AppError("unauthorized", "This account is disabled or no longer exists.");
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export function isAdmin(actor: Actor): boolean {
  return actor.role === "ADMIN";
}

export function canCreateProjects(actor: Actor): boolean {
  return actor.role === "ADMIN" || actor.role === "LEAD";
}

export function assertAdmin(actor: Actor): void {
  if (!isAdmin(actor)) throw new AppError("forbidden", "Only an admin can do this.");
}

export function assertCanUseAdminArea(actor: Actor): void {
  if (actor.role === "ANNOTATOR") throw new AppError("forbidden", "The admin area is for project leads and admins.");
}

/** The project, if the actor may reach it for the given purpose; otherwise a typed error. */
export async function getProjectForActor(options: {
  actor: Actor;
  slug: string;
  access: ProjectAccess;
}): Promise<ProjectForActor> {
  const { actor, slug, access } = options;
  // Project and the actor's membership in one round trip (two model queries cost twice, see bench/RESULTS.md).
  const [found] = await db.$queryRaw<(Project & { memberRole: ProjectRole | null })[]>`
    SELECT p.*, m."role"::text AS "memberRole"
    FROM "Project" p LEFT JOIN "Membership" m ON m."projectId" = p."id" AND m."userId" = ${actor.id}
    WHERE p."slug" = ${slug}`;
  return checkProjectAccess({ found, actor, slug, access });
}

/**
 * getProjectForActor's rule, applied to the project row and the actor's
 * membership once read (undefined: no such project). Also used where both
 * come from one query with the actor (lib/http/actor-and-project.ts).
 */
export function checkProjectAccess(options: { found: ProjectForActor | undefined; actor: Actor; slug: string; access: ProjectAccess }): ProjectForActor {
  const { found, actor, slug, access } = options;
  // An unknown slug and a project the actor is no member of answer alike, so slugs cannot be probed.
  if (!found || (!found.memberRole && !isAdmin(actor))) throw new AppError("not_found", `No project "${slug}".`);
  const { memberRole, ...project } = found;
  if (isAdmin(actor)) return { ...project, memberRole };
  if (access === "lead" && (memberRole !== "LEAD" || actor.role === "ANNOTATOR")) {
    throw new AppError("forbidden", `Only a lead of "${slug}" can do this.`);
  }
  if (access === "annotate" && project.status !== "ACTIVE") {
    throw new AppError("conflict", `Project "${slug}" is ${project.status.toLowerCase()}: it hands out no items now.`);
  }
  return { ...project, memberRole };
}

/**
 * Whose names the actor may see next to annotators' pseudonyms, and where:
 * "all" for admins (in exports only when they ask, with `identities=true`);
 * "members" for a lead of the project on the pages that need names (the
 * agreement and item pages), and then only for the project's current
 * members; "none" for leads in exports and the API, and for annotators.
 * The one place this is decided: the REST agreement, exports, the export
 * page, the agreement page and the item page all ask here.
 */
export type IdentityScope = "all" | "members" | "none";

export function annotatorIdentityScope(actor: Actor, project: Pick<ProjectForActor, "memberRole">, use: "page" | "export"): IdentityScope {
  if (isAdmin(actor)) return "all";
  if (use === "page" && project.memberRole === "LEAD" && actor.role !== "ANNOTATOR") return "members";
  return "none";
}

/** For `identities=true` (exports, the REST agreement): only where the scope is "all". */
export function assertMayExportIdentities(actor: Actor, project: Pick<ProjectForActor, "memberRole">): void {
  if (annotatorIdentityScope(actor, project, "export") !== "all") {
    throw new AppError("forbidden", "Only an admin can see annotators' identities; leads get stable pseudonyms.");
  }
}
