import { projectRoute } from "@/lib/http/project-route";
import { annotatorIdentityScope, assertMayExportIdentities } from "@/lib/permissions";
import { getProjectAgreement } from "@/lib/agreement/project-agreement";
import { agreementQuery } from "@/lib/validations/agreement";

export const dynamic = "force-dynamic";

/**
 * Every agreement figure of docs/formats.md ("Agreement metrics") over the project's judgments (leads
 * and admins). Annotators appear as the raw export's pseudonyms; an admin may
 * add `identities=true` for who each one is, as with exports.
 */
export const GET = projectRoute({ access: "lead", query: agreementQuery }, async ({ actor, project, query, request }) => {
  if (query.identities) assertMayExportIdentities(actor, project);
  const result = await getProjectAgreement({
    projectId: project.id,
    disputedLimit: query.disputed,
    signal: request.signal,
    identityScope: query.identities ? annotatorIdentityScope(actor, project, "export") : "none",
    intervals: query.intervals,
  });
  return Response.json(
    { project: project.slug, scale: result.scale, ...result.agreement, ...(query.identities ? { identities: result.identities } : {}), ...(result.rankings ? { rankings: result.rankings } : {}), ...(query.intervals ? { intervals: result.intervals } : {}) },
    { headers: { "Cache-Control": "no-store" } },
  );
});
