import "server-only";
import { getProjectForActor, type Actor } from "@/lib/permissions";
import { getSourceAgreement, type SourceAgreement } from "./source-agreement";

/** Agreement with the source as a lead asks for it (CLI, pages): access checked here (leads of the project and admins). */
export async function getProjectSourceAgreement(options: { actor: Actor; slug: string; limit?: number }): Promise<SourceAgreement & { project: string }> {
  const project = await getProjectForActor({ actor: options.actor, slug: options.slug, access: "lead" });
  return { project: project.slug, ...(await getSourceAgreement({ projectId: project.id, limit: options.limit })) };
}
