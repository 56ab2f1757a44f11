import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { markViewsDirty } from "@/lib/views/stored-view";
import type { Actor } from "@/lib/permissions";
import { loadAnnotatorDirectory } from "./judgment-annotators";
import { runJudgmentPass, type JudgmentPassOptions, type JudgmentPassTally } from "./judgment-pass";
import { deleteJudgmentRun } from "./judgment-store";
import { createRowIds } from "./item-store";
import type { ImportLineError } from "./import-pass";
import type { SourceFactory } from "./sources";

export type ImportJudgmentsOptions = {
  /** Who imports: recorded in the audit log. The caller has checked they lead the project (or are an admin). */
  actor: Pick<Actor, "id">;
  projectId: string;
  /** Opens the file; called twice for "abort" (validate, then insert). */
  source: SourceFactory;
  /** abort: any bad line imports nothing. skip: good lines are imported, bad ones reported. */
  onError: "abort" | "skip";
  /** Validate and count, write nothing. */
  dryRun?: boolean;
  batchSize?: number;
  maxLineBytes?: number;
  /** For the audit record: where the file came from (`rest`, `admin`, `cli`) and its name or size. */
  origin?: { via: string; filename?: string; bytes?: number };
};

export type ImportJudgmentsReport = {
  imported: number;
  /** Lines whose annotator had already judged that item here: left unchanged. */
  duplicates: number;
  /** The first 1000 bad lines, in file order. */
  errors: ImportLineError[];
  totalErrors: number;
  lines: number;
  /** External annotators (no login) created for names that matched nobody. */
  annotatorsCreated: number;
  dryRun: boolean;
};

/**
 * @internal caller has checked access (entry point: importProjectJudgments)
 *
 * Merges judgments made elsewhere into a project (docs/formats.md, "Import:
 * judgments"), with the item import's bad-line rules: each bad line reported
 * as `line N: reason`; "abort" imports nothing if any line is bad, "skip"
 * imports the good ones. Judgments an annotator already made here are left
 * as they are, and client ids derived from (project, item, user) make a
 * re-import add nothing. Two streamed passes rather than one transaction, for
 * the reasons import-items.ts gives; a failed second pass deletes what it
 * inserted (external annotators it created stay: they hold no data).
 */
export async function importJudgments(options: ImportJudgmentsOptions): Promise<ImportJudgmentsReport> {
  const project = await db.project.findUnique({ where: { id: options.projectId }, select: { id: true, scale: true, guidelinesVersion: true } });
  if (!project) throw new AppError("not_found", "project not found");
  const base: Omit<JudgmentPassOptions, "mode" | "rowIds"> = {
    project,
    source: options.source,
    directory: await loadAnnotatorDirectory(project.id),
    batchSize: options.batchSize ?? 1000,
    maxLineBytes: options.maxLineBytes,
    now: new Date(),
  };

  let tally: JudgmentPassTally;
  let imported: number;
  if (options.dryRun) {
    tally = await runJudgmentPass({ ...base, mode: "check", rowIds: createRowIds() });
    imported = options.onError === "skip" || tally.totalErrors === 0 ? tally.fresh : 0;
    return toReport(tally, imported, true);
  }
  if (options.onError === "skip") {
    tally = await runJudgmentPass({ ...base, mode: "write", rowIds: createRowIds() });
    imported = tally.fresh;
  } else {
    tally = await runJudgmentPass({ ...base, mode: "check", rowIds: createRowIds() });
    imported = 0;
    if (tally.totalErrors === 0) {
      tally = await writeAllOrNothing(base);
      imported = tally.fresh;
    } else tally = { ...tally, annotatorsCreated: 0 };
  }
  const report = toReport(tally, imported, false);
  // Imported judgments keep their own dates, which the stored views' watermark (new judgments since) cannot see.
  if (imported > 0) await markViewsDirty(project.id);
  await recordAuditEvent({
    actorId: options.actor.id,
    projectId: project.id,
    action: "judgments.imported",
    details: { imported, duplicates: report.duplicates, bad_lines: report.totalErrors, annotators_created: report.annotatorsCreated, lines: report.lines, on_error: options.onError, ...options.origin },
  });
  return report;
}

async function writeAllOrNothing(base: Omit<JudgmentPassOptions, "mode" | "rowIds">): Promise<JudgmentPassTally> {
  const rowIds = createRowIds();
  let write: JudgmentPassTally;
  try {
    write = await runJudgmentPass({ ...base, mode: "write", rowIds, stopAtFirstError: true });
  } catch (error) {
    await deleteJudgmentRun(rowIds);
    throw error;
  }
  if (write.totalErrors > 0) {
    await deleteJudgmentRun(rowIds);
    throw new AppError("conflict", "the file or the project's items changed while importing; nothing was imported, please try again", {
      errors: write.errors.slice(0, 10),
    });
  }
  return write;
}

function toReport(tally: JudgmentPassTally, imported: number, dryRun: boolean): ImportJudgmentsReport {
  return {
    imported,
    duplicates: tally.duplicates,
    errors: tally.errors,
    totalErrors: tally.totalErrors,
    lines: tally.lines,
    annotatorsCreated: tally.annotatorsCreated,
    dryRun,
  };
}
