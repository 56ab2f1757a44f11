import { projectRoute } from "@/lib/http/project-route";
import { serveBias } from "@/lib/views/bias-view";
import { storedViewResponse } from "@/lib/views/view-response";
import { biasQuery } from "@/lib/validations/bias";

export const dynamic = "force-dynamic";

/**
 * Position, length and formatting bias of the project's judgments, for the
 * project and per annotator (pseudonyms, as the agreement route); leads and
 * admins. docs/formats.md, "Bias diagnostics".
 */
export const GET = projectRoute({ access: "lead", query: biasQuery }, async ({ project }) =>
  // Served from the stored view (lib/views): X-As-Of says when its figures were computed.
  storedViewResponse(await serveBias({ projectId: project.id }), (bias) => ({ project: project.slug, ...bias })),
);
