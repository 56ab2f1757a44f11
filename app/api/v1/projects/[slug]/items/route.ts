import { apiRoute } from "@/lib/http/api-route";
import { actorFromRequest } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { readQuery } from "@/lib/http/read-query";
import { getProjectForActor } from "@/lib/permissions";
import { listItems } from "@/lib/items/list-items";
import { importProjectItems } from "@/lib/import/import-project-items";
import { detectFormat, type ImportFormat } from "@/lib/import/parse-items";
import { fileSource } from "@/lib/import/sources";
import { spoolToTempFile } from "@/lib/import/spool-to-temp-file";
import { importItemsQuery } from "@/lib/validations/item-import";
import { itemImportReportJson } from "@/lib/import/report-json";
import { listItemsFiltersOf, listItemsQuery } from "@/lib/validations/item-list";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ slug: string }> };

// Decimal MB, as people read file sizes.
const MAX_IMPORT_BYTES = 500 * 1000 * 1000;

// curl --data-binary sends application/x-www-form-urlencoded unless told otherwise: read such bodies as JSONL.
function formatOf(request: Request, override: ImportFormat | undefined): ImportFormat {
  if (override) return override;
  const type = request.headers.get("content-type") ?? "";
  if (/^multipart\//i.test(type)) {
    throw new AppError("bad_request", "Send the file itself as the body (curl --data-binary @items.jsonl), not as a multipart form.");
  }
  return detectFormat(undefined, type) ?? "jsonl";
}

/**
 * Import items: JSONL (also a JSON array or CSV, by Content-Type or ?format=).
 * The body is spooled to a temporary file, never held in memory, and read
 * twice when bad lines must abort the import. 200 when something was imported
 * or everything was already there; 422 when the file had bad lines (or no
 * items) and nothing was imported; 413 over 500 MB.
 */
export const POST = apiRoute(async (request: Request, { params }: Context) => {
  const { slug } = await params;
  const actor = await actorFromRequest(request);
  // Before a single byte of the body is read: refused callers upload nothing.
  await getProjectForActor({ actor, slug, access: "lead" });
  const query = readQuery(request, importItemsQuery);
  const format = formatOf(request, query.format);
  if (Number(request.headers.get("content-length") ?? 0) > MAX_IMPORT_BYTES) {
    throw new AppError("payload_too_large", `The upload is over the ${MAX_IMPORT_BYTES / 1e6} MB limit; split the file.`);
  }
  const file = await spoolToTempFile({ body: request.body, maxBytes: MAX_IMPORT_BYTES });
  try {
    const report = await importProjectItems({
      actor,
      slug,
      source: () => fileSource(file.path),
      format,
      onError: query.on_error,
      dryRun: query.dry_run,
      origin: { via: "rest", bytes: file.bytes },
    });
    const body = itemImportReportJson(report);
    const refusal =
      report.totalErrors > 0 && report.imported === 0
        ? nothingImported(report.totalErrors, query.on_error)
        : report.lines === 0
          ? "The body holds no items."
          : null;
    if (refusal) return Response.json({ ...body, error: { code: "unprocessable", message: refusal } }, { status: 422 });
    return Response.json(body);
  } finally {
    await file.remove();
  }
});

function nothingImported(bad: number, onError: "abort" | "skip"): string {
  const lines = `${bad} bad line${bad === 1 ? "" : "s"}`;
  return onError === "skip"
    ? `The file has ${lines} and no good ones; nothing was imported.`
    : `The file has ${lines}; nothing was imported. Fix them, or send ?on_error=skip to import the good lines.`;
}

/** One page of the items table: search, filters, cursor (leads of the project and admins: it shows model names). */
export const GET = apiRoute(async (request: Request, { params }: Context) => {
  const { slug } = await params;
  const actor = await actorFromRequest(request);
  const project = await getProjectForActor({ actor, slug, access: "lead" });
  const query = readQuery(request, listItemsQuery);
  return Response.json(await listItems({ projectId: project.id, ...listItemsFiltersOf(query) }));
});
