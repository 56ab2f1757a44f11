import "server-only";
import { getProjectForActor, type Actor } from "@/lib/permissions";
import type { MemberJson } from "@/lib/validations/project-response";
import { readMembers } from "./read-members";

/** The members of a project, for its leads and admins: who, which role, how much they judged and when last. */
export async function listMembers(options: { actor: Actor; slug: string }): Promise<MemberJson[]> {
  const project = await getProjectForActor({ actor: options.actor, slug: options.slug, access: "lead" });
  return readMembers(project.id);
}
