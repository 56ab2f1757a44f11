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
