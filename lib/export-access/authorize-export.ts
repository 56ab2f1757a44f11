import "server-only";
import { AppError, describeZodIssues } from "@/lib/errors";
import { assertMayExportIdentities, getProjectForActor, type Actor } from "@/lib/permissions";
import { exportQuery, exportFiltersOf, type ExportQuery } from "@/lib/validations/export";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { assertValidFilters } from "@/lib/export/item-filters";
import { assertReferenceOptions } from "@/lib/reference/export-source";

/**
 * Who may export what: leads of the project and admins; real identities
 * (emails instead of pseudonyms) only for admins. Every export is audited.
 * Shared by the REST route and the admin download.
 */
export async function authorizeExport(options: { actor: Actor; slug: string; params: Record<string, string> }) {
  const parsed = exportQuery.safeParse(options.params);
  if (!parsed.success) throw new AppError("bad_request", describeZodIssues(parsed.error.issues));
  const query: ExportQuery = parsed.data;
  const project = await getProjectForActor({ actor: options.actor, slug: options.slug, access: "lead" });
  const filters = exportFiltersOf(query);
  // Checked before the response starts: once a stream has begun, a 200 cannot become a 400.
  assertValidFilters(filters);
  assertReferenceOptions(query.format === "card" ? (query.card_for ?? "raw") : query.format, filters);
  if (query.identities) assertMayExportIdentities(options.actor, project);
  await recordAuditEvent({
    actorId: options.actor.id,
    projectId: project.id,
    action: "export.downloaded",
    details: { ...options.params },
  });
  return { project, query, filters };
}
