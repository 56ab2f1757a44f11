import { projectRoute } from "@/lib/http/project-route";
import { serveProjectQuality } from "@/lib/views/quality-view";
import { storedViewResponse } from "@/lib/views/view-response";
import { qualityQuery } from "@/lib/validations/quality";

export const dynamic = "force-dynamic";

/**
 * Per-annotator quality (docs/formats.md, "Annotator quality"): reliability,
 * gold accuracy, self-consistency, agreement figures, integrity flags and
 * status, for leads and admins. Pseudonyms; `identities=true` for admins.
 */
export const GET = projectRoute({ access: "lead", query: qualityQuery }, async ({ actor, project, query }) =>
  // Served from the stored view (lib/views): X-As-Of says when its figures were computed.
  storedViewResponse(await serveProjectQuality({ actor, slug: project.slug, identities: query.identities ? "export" : undefined }), (quality) => quality),
);
