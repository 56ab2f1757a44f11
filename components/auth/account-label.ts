import type { Actor } from "@/lib/permissions";

const ROLE_WORDS = new Set(["admin", "lead", "annotator", "administrator"]);

/**
 * How the signed-in person is named in a header: by name, or by email when the
 * name is only a role word (the demo's "Admin"), so a header never reads
 * "Admin … Admin (admin)". `role` is the global role in words, unless the
 * name already says it.
 */
export function accountLabel(actor: Pick<Actor, "name" | "email" | "role">): { text: string; role: string | null } {
  const name = actor.name.trim();
  const role = actor.role.toLowerCase();
  const text = !name || ROLE_WORDS.has(name.toLowerCase()) ? actor.email : name;
  return { text, role: text.toLowerCase() === role ? null : role };
}
