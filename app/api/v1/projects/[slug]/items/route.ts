import { projectRoute } from "@/lib/http/project-route";
import { listItems } from "@/lib/items/list-items";
import { importProjectItems } from "@/lib/import/import-project-items";
import { formatOfContentType } from "@/lib/validations/import-format";
import { fileSource } from "@/lib/import/sources";
import { importRefusal, importReportResponse, itemImportReportJson } from "@/lib/import/report-json";
import { importItemsQuery } from "@/lib/validations/item-import";
import { listItemsFiltersOf, listItemsQuery } from "@/lib/validations/item-list";

export const dynamic = "force-dynamic";

/**
 * Import items: JSONL (also a JSON array or CSV, by Content-Type or ?format=;
 * or a preference dataset, ?format=hh|trl|ratings, see lib/import/datasets).
 * The body is spooled to a temporary file, never held in memory, and read
 * twice when bad lines must abort the import. 200 when something was imported
 * or everything was already there; 422 when the file had bad lines (or no
 * items) and nothing was imported; 413 over 500 MB (decimal, as people read
 * file sizes).
 */
export const POST = projectRoute(
  { access: "lead", query: importItemsQuery, upload: { maxBytes: 500 * 1000 * 1000, what: "items file" } },
  async ({ actor, project, query, file, request }) => {
    // curl --data-binary sends application/x-www-form-urlencoded unless told otherwise: read such bodies as JSONL.
    const format = query.format ?? formatOfContentType(request.headers.get("content-type") ?? "") ?? "jsonl";
    const report = await importProjectItems({
      actor,
      slug: project.slug,
      source: () => fileSource(file.path),
      format,
      onError: query.on_error,
      dryRun: query.dry_run,
      dataset: query.pairs || query.source ? { pairs: query.pairs, source: query.source } : undefined,
      origin: { via: "rest", bytes: file.bytes },
    });
    return importReportResponse(itemImportReportJson(report), importRefusal(report, { onError: query.on_error, noun: "items" }));
  },
);

/** One page of the items table: search, filters, cursor (leads of the project and admins: it shows model names). */
export const GET = projectRoute({ access: "lead", query: listItemsQuery }, async ({ project, query }) =>
  Response.json(await listItems({ projectId: project.id, ...listItemsFiltersOf(query) })),
);
