import "server-only";
import { AppError, describeZodIssues } from "@/lib/errors";
import { getProjectForActor, isAdmin, type Actor } from "@/lib/permissions";
import { exportQuery, exportFiltersOf, type ExportQuery } from "@/lib/validations/export";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";

/**
 * Who may export what: leads of the project and admins; real identities
 * (emails instead of pseudonyms) only for admins. Every export is audited.
 * Shared by the REST route and the admin download.
 */
export async function openExport(options: { actor: Actor; slug: string; params: Record<string, string> }) {
  const parsed = exportQuery.safeParse(options.params);
  if (!parsed.success) throw new AppError("bad_request", describeZodIssues(parsed.error.issues));
  const query: ExportQuery = parsed.data;
  const project = await getProjectForActor({ actor: options.actor, slug: options.slug, access: "lead" });
  if (query.identities && !isAdmin(options.actor)) {
    throw new AppError("forbidden", "Only an admin can export annotators' identities; leads get stable pseudonyms.");
  }
  await recordAuditEvent({
    actorId: options.actor.id,
    projectId: project.id,
    action: "export.downloaded",
    details: { ...options.params },
  });
  return { project, query, filters: exportFiltersOf(query) };
}
