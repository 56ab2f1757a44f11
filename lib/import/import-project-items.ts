import "server-only";
import { getProjectForActor, type Actor } from "@/lib/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { markViewsDirty } from "@/lib/views/stored-view";
import { importItems, type ImportItemsReport, type ImportProgress } from "./import-items";
import type { ImportFormat } from "@/lib/validations/import-format";
import type { SourceFactory } from "./sources";
import type { PairRule } from "./datasets";

/**
 * An import as a lead runs it (REST upload, admin page, CLI): access checked
 * (leads of the project and admins), the file imported with the project's
 * scale, and the outcome audited. The source must re-open (all-or-nothing
 * reads it twice): `() => fileSource(path)`.
 */
export async function importProjectItems(options: {
  actor: Actor;
  slug: string;
  source: SourceFactory;
  format: ImportFormat;
  onError: "abort" | "skip";
  dryRun?: boolean;
  onProgress?: (progress: ImportProgress) => void;
  /** hh, trl, ratings: the reference's source name and the ratings pair rule. */
  dataset?: { source?: string; pairs?: PairRule };
  /** For the audit record: where the file came from (`rest`, `admin`, `cli`) and its name or size. */
  origin?: { via: string; filename?: string; bytes?: number };
}): Promise<ImportItemsReport> {
  const project = await getProjectForActor({ actor: options.actor, slug: options.slug, access: "lead" });
  const report = await importItems({
    projectId: project.id,
    scale: project.scale,
    source: options.source,
    format: options.format,
    onError: options.onError,
    dryRun: options.dryRun,
    onProgress: options.onProgress,
    dataset: { ...options.dataset, allowTie: project.allowTie },
  });
  if (!report.dryRun) {
    // New items can bring new model names, and dataset imports bring judgments with past dates: recompute stored views.
    if (report.imported > 0) await markViewsDirty(project.id);
    await recordAuditEvent({
      actorId: options.actor.id,
      projectId: project.id,
      action: "items.imported",
      details: {
        imported: report.imported,
        duplicates: report.duplicates,
        bad_lines: report.totalErrors,
        lines: report.lines,
        format: options.format,
        on_error: options.onError,
        ...(options.dataset ? { dataset: options.dataset } : {}),
        ...options.origin,
      },
    });
  }
  return report;
}
