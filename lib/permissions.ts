import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Project, ProjectRole, Role } from "@/lib/generated/prisma/client";

/**
 * Who may do what, in one place. Every page, server action, route handler and
 * CLI command goes through these functions, and each re-reads the user from
 * the database, so a disabled user or a removed role is out at the next request.
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
