import { AppError } from "@/lib/errors";
import { projectRoute } from "@/lib/http/project-route";
import { isAdmin } from "@/lib/permissions";
import { getProjectAgreement } from "@/lib/agreement/project-agreement";
import { agreementQuery } from "@/lib/validations/agreement";

export const dynamic = "force-dynamic";

/**
 * Every agreement figure of docs/formats.md ("Agreement metrics") over the project's judgments (leads
 * and admins). Annotators appear as the raw export's pseudonyms; an admin may
 * add `identities=true` for who each one is, as with exports.
 */
export const GET = projectRoute({ access: "lead", query: agreementQuery }, async ({ actor, project, query, request }) => {
  if (query.identities && !isAdmin(actor)) {
    throw new AppError("forbidden", "Only an admin can see annotators' identities; leads get stable pseudonyms.");
  }
  const result = await getProjectAgreement({ projectId: project.id, disputedLimit: query.disputed, signal: request.signal });
  return Response.json(
    { project: project.slug, scale: result.scale, ...result.agreement, ...(query.identities ? { identities: result.identities } : {}) },
    { headers: { "Cache-Control": "no-store" } },
  );
});
