import { projectRoute } from "@/lib/http/project-route";
import { importProjectJudgments } from "@/lib/import/import-project-judgments";
import { fileSource } from "@/lib/import/sources";
import { importRefusal, importReportResponse, judgmentImportReportJson } from "@/lib/import/report-json";
import { importJudgmentsQuery } from "@/lib/validations/judgment-import";

export const dynamic = "force-dynamic";

/**
 * Merge judgments made elsewhere (docs/formats.md, "Import: judgments"; leads and admins).
 * The body is spooled to a temporary file, never held in memory, and read
 * twice when bad lines must abort the import. 200 when something was
 * imported or everything was already there; 422 when the file had bad lines
 * (or none at all) and nothing was imported; 413 over 500 MB.
 */
export const POST = projectRoute(
  { access: "lead", query: importJudgmentsQuery, upload: { maxBytes: 500 * 1000 * 1000, what: "JSONL file" } },
  async ({ actor, project, query, file }) => {
    const report = await importProjectJudgments({
      actor,
      slug: project.slug,
      source: () => fileSource(file.path),
      onError: query.on_error,
      dryRun: query.dry_run,
      origin: { via: "rest", bytes: file.bytes },
    });
    return importReportResponse(judgmentImportReportJson(report), importRefusal(report, { onError: query.on_error, noun: "judgments" }));
  },
);
