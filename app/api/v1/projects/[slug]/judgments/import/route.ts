import { apiRoute } from "@/lib/http/api-route";
import { actorFromRequest } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { readQuery } from "@/lib/http/read-query";
import { getProjectForActor } from "@/lib/permissions";
import { importJudgments } from "@/lib/import/import-judgments";
import { fileSource } from "@/lib/import/sources";
import { spoolToTempFile } from "@/lib/import/spool-to-temp-file";
import { importJudgmentsQuery } from "@/lib/validations/judgment-import";
import { judgmentImportReportJson } from "@/lib/import/report-json";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ slug: string }> };

const MAX_IMPORT_BYTES = 500 * 1000 * 1000;

/**
 * Merge judgments made elsewhere (formats.md raw JSONL; leads and admins).
 * The body is spooled to a temporary file, never held in memory, and read
 * twice when bad lines must abort the import. 200 when something was
 * imported or everything was already there; 422 when the file had bad lines
 * (or none at all) and nothing was imported; 413 over 500 MB.
 */
export const POST = apiRoute(async (request: Request, { params }: Context) => {
  const { slug } = await params;
  // The admin page's upload sends the session cookie: refuse it from other sites.
  if (!request.headers.get("authorization")) await assertSameOrigin();
  const actor = await actorFromRequest(request);
  // Before a single byte of the body is read: refused callers upload nothing.
  const project = await getProjectForActor({ actor, slug, access: "lead" });
  const query = readQuery(request, importJudgmentsQuery);
  if (/^multipart\//i.test(request.headers.get("content-type") ?? "")) {
    throw new AppError("bad_request", "Send the JSONL file itself as the body (curl --data-binary @judgments.jsonl), not as a multipart form.");
  }
  if (Number(request.headers.get("content-length") ?? 0) > MAX_IMPORT_BYTES) {
    throw new AppError("payload_too_large", `The upload is over the ${MAX_IMPORT_BYTES / 1e6} MB limit; split the file.`);
  }
  const file = await spoolToTempFile({ body: request.body, maxBytes: MAX_IMPORT_BYTES });
  try {
    const report = await importJudgments({
      actor,
      projectId: project.id,
      source: () => fileSource(file.path),
      onError: query.on_error,
      dryRun: query.dry_run,
      origin: { via: "rest", bytes: file.bytes },
    });
    const body = judgmentImportReportJson(report);
    const bad = report.totalErrors;
    const refusal =
      bad > 0 && report.imported === 0
        ? `The file has ${bad} bad line${bad === 1 ? "" : "s"}; nothing was imported.${query.on_error === "abort" ? " Fix them, or send ?on_error=skip to import the good lines." : ""}`
        : report.lines === 0
          ? "The body holds no judgments."
          : null;
    if (refusal) return Response.json({ ...body, error: { code: "unprocessable", message: refusal } }, { status: 422 });
    return Response.json(body);
  } finally {
    await file.remove();
  }
});
