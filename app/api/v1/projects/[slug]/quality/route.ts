import { projectRoute } from "@/lib/http/project-route";
import { readProjectQuality } from "@/lib/quality/project-quality";
import { qualityQuery } from "@/lib/validations/quality";

export const dynamic = "force-dynamic";

/**
 * Per-annotator quality (docs/formats.md, "Annotator quality"): reliability,
 * gold accuracy, self-consistency, agreement figures, integrity flags and
 * status, for leads and admins. Pseudonyms; `identities=true` for admins.
 */
export const GET = projectRoute({ access: "lead", query: qualityQuery }, async ({ actor, project, query, request }) => {
  const result = await readProjectQuality({ actor, slug: project.slug, identities: query.identities ? "export" : undefined, signal: request.signal });
  return Response.json(result, { headers: { "Cache-Control": "no-store" } });
});
