import { projectRoute } from "@/lib/http/project-route";
import { annotatorIdentityScope, assertMayExportIdentities } from "@/lib/permissions";
import { serveAgreement } from "@/lib/views/agreement-view";
import { storedViewResponse } from "@/lib/views/view-response";
import { agreementQuery } from "@/lib/validations/agreement";

export const dynamic = "force-dynamic";

/**
 * Every agreement figure of docs/formats.md ("Agreement metrics") over the project's judgments (leads
 * and admins). Annotators appear as the raw export's pseudonyms; an admin may
 * add `identities=true` for who each one is, as with exports.
 */
export const GET = projectRoute({ access: "lead", query: agreementQuery }, async ({ actor, project, query }) => {
  if (query.identities) assertMayExportIdentities(actor, project);
  // Served from the stored view (lib/views): X-As-Of says when its figures were computed.
  const served = await serveAgreement({
    projectId: project.id,
    disputed: query.disputed,
    identityScope: query.identities ? annotatorIdentityScope(actor, project, "export") : "none",
    intervals: query.intervals ?? false,
  });
  return storedViewResponse(served, (result) => ({
    project: project.slug,
    scale: result.scale,
    ...result.agreement,
    ...(query.identities ? { identities: result.identities } : {}),
    ...(result.rankings ? { rankings: result.rankings } : {}),
    ...(query.intervals ? { intervals: result.intervals } : {}),
  }));
});
