import { projectRoute } from "@/lib/http/project-route";
import { getProjectBias } from "@/lib/bias/project-bias";
import { biasQuery } from "@/lib/validations/bias";

export const dynamic = "force-dynamic";

/**
 * Position, length and formatting bias of the project's judgments, for the
 * project and per annotator (pseudonyms, as the agreement route); leads and
 * admins. docs/formats.md, "Bias diagnostics".
 */
export const GET = projectRoute({ access: "lead", query: biasQuery }, async ({ project, request }) => {
  const bias = await getProjectBias({ projectId: project.id, signal: request.signal });
  return Response.json({ project: project.slug, ...bias }, { headers: { "Cache-Control": "no-store" } });
});
