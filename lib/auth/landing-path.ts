import type { Actor } from "@/lib/permissions";

/**
 * Where someone lands after signing in when they asked for no page: leads and
 * admins (global role LEAD or ADMIN, the people the admin area lets in —
 * assertCanUseAdminArea) go to the admin area, everyone else to their
 * projects. A member who leads a project but whose global role is ANNOTATOR
 * cannot use the admin area, so lands on their projects too. An explicit,
 * safe `next` always wins (app/(auth)/login).
 */
export function landingPathFor(actor: Pick<Actor, "role">): "/admin" | "/projects" {
  return actor.role === "ANNOTATOR" ? "/projects" : "/admin";
}
