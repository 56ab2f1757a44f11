import { projectRoute } from "@/lib/http/project-route";
import { getSourceAgreement } from "@/lib/reference/source-agreement";
import { sourceAgreementQuery } from "@/lib/validations/source-agreement";

export const dynamic = "force-dynamic";

/**
 * Agreement with the source (docs/formats.md): how often the project's
 * consensus and each annotator pick the label an imported dataset came
 * with, and the items where the crowd overturns it (leads and admins).
 */
export const GET = projectRoute({ access: "lead", query: sourceAgreementQuery }, async ({ project, query }) => {
  const result = await getSourceAgreement({ projectId: project.id, limit: query.limit });
  return Response.json({ project: project.slug, ...result }, { headers: { "Cache-Control": "no-store" } });
});
