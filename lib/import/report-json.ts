import type { ImportItemsReport } from "./import-items";
import type { ImportJudgmentsReport } from "./import-judgments";
import type { ImportReportJson } from "@/lib/validations/item-import";
import type { JudgmentImportReportJson } from "@/lib/validations/judgment-import";

/** An item import's report as the REST API answers it; the CLI's --json prints the same shape. */
export function itemImportReportJson(report: ImportItemsReport): ImportReportJson {
  return {
    imported: report.imported,
    duplicates: report.duplicates,
    errors: report.errors,
    total_errors: report.totalErrors,
    duplicate_ids: report.duplicateIds,
    lines: report.lines,
    dry_run: report.dryRun,
  };
}

/** A judgment import's report as the REST API answers it; the CLI's --json prints the same shape. */
export function judgmentImportReportJson(report: ImportJudgmentsReport): JudgmentImportReportJson {
  return {
    imported: report.imported,
    duplicates: report.duplicates,
    errors: report.errors,
    total_errors: report.totalErrors,
    lines: report.lines,
    annotators_created: report.annotatorsCreated,
    dry_run: report.dryRun,
  };
}

/**
 * Why an import answers 422 instead of 200, or null when it succeeded: bad
 * lines and nothing imported (with what to do about it), or an empty body.
 * One wording for items and judgments, over REST; the CLI prints its own.
 */
export function importRefusal(report: { totalErrors: number; imported: number; lines: number }, options: { onError: "abort" | "skip"; noun: "items" | "judgments" }): string | null {
  const bad = report.totalErrors;
  if (bad > 0 && report.imported === 0) {
    const lines = `${bad} bad line${bad === 1 ? "" : "s"}`;
    return options.onError === "skip"
      ? `The file has ${lines} and no good ones; nothing was imported.`
      : `The file has ${lines}; nothing was imported. Fix them, or send ?on_error=skip to import the good lines.`;
  }
  return report.lines === 0 ? `The body holds no ${options.noun}.` : null;
}

/** The REST answer to an import: the report, with a 422 and its reason when nothing could be imported. */
export function importReportResponse<T extends object>(body: T, refusal: string | null): Response {
  if (refusal) return Response.json({ ...body, error: { code: "unprocessable", message: refusal } }, { status: 422 });
  return Response.json(body);
}
