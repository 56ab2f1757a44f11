import { z } from "zod";
import { projectRoute } from "@/lib/http/project-route";
import { AppError } from "@/lib/errors";
import { previewItems } from "@/lib/import/preview-items";
import { findNewIds } from "@/lib/import/item-store";
import { bytesSource } from "@/lib/import/sources";
import { promptToText } from "@/lib/validations/item";
import type { ImportPreviewEntry, ImportPreviewJson } from "@/lib/validations/item-import";
import { importFormats } from "@/lib/validations/import-format";
import { pairRules } from "@/lib/validations/item-import";

export const dynamic = "force-dynamic";

/** The browser sends the first 64 KB of the file; a little slack for its own rounding. */
const MAX_SLICE_BYTES = 80 * 1024;
const PREVIEW_ROWS = 10;
const CUT = 240;

const previewQuery = z
  .object({
    format: z.enum(importFormats),
    /** 1 when the body is only the start of a larger file. */
    truncated: z.enum(["0", "1"]).default("0"),
    /** format=ratings: the pairs rule the import will use. */
    pairs: z.enum(pairRules).optional(),
  })
  .strict();

const cut = (text: string) => (text.length > CUT ? `${text.slice(0, CUT)}…` : text);

/**
 * The import page's preview: parses the first rows of a file slice the way
 * the import will (previewItems: the same parsing and row rules), and says
 * which ids the project already holds (the import leaves those unchanged),
 * for the project's leads and admins. Only the
 * slice is uploaded; the import itself goes to POST /api/v1/projects/{slug}/items.
 * Called with the session cookie, so the wrapper's CSRF check applies.
 */
export const POST = projectRoute({ access: "lead", query: previewQuery }, async ({ project, query, request }) => {
  if (Number(request.headers.get("content-length") ?? 0) > MAX_SLICE_BYTES) throw new AppError("payload_too_large", "Send only the first 64 KB of the file for a preview.");
  let bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.length > MAX_SLICE_BYTES) throw new AppError("payload_too_large", "Send only the first 64 KB of the file for a preview.");
  const truncated = query.truncated === "1";
  // A slice ends mid-line: keep whole lines only, so the cut is not reported as a bad line.
  if (truncated && query.format !== "json") {
    const end = bytes.lastIndexOf(0x0a);
    bytes = end >= 0 ? bytes.subarray(0, end + 1) : new Uint8Array(0);
  }
  // The import's own rules, with the project's scale (lib/import/import-pass.ts, checkImportRow).
  const entries = await previewItems(bytesSource(bytes), { format: query.format, scale: project.scale, limit: PREVIEW_ROWS, dataset: { seed: "", pairs: query.pairs } });
  // A JSON array cut mid-element ends in an error that the whole file would not have.
  if (truncated && entries.length < PREVIEW_ROWS && entries.at(-1) && "error" in entries.at(-1)!) entries.pop();
  const ids = entries.flatMap((entry) => ("error" in entry ? [] : [entry.externalId]));
  const fresh = ids.length ? await findNewIds(project.id, ids) : new Set<string>();
  const body: ImportPreviewEntry[] = entries.map((entry) =>
    "error" in entry
      ? entry
      : {
          line: entry.line,
          id: entry.externalId,
          prompt: cut(promptToText(entry.row.prompt)),
          // A ranking item shows its numbered responses in the first column (and their models), the second empty.
          ...(entry.row.responses
            ? {
                response_a: cut(entry.row.responses.map((response, index) => `${index + 1}. ${response.text}`).join("\n")),
                response_b: "",
                model_a: entry.row.responses.some((response) => response.model) ? entry.row.responses.map((response) => response.model ?? "—").join(", ") : null,
                model_b: null,
              }
            : {
                response_a: cut(entry.row.response_a),
                response_b: cut(entry.row.response_b),
                model_a: entry.row.model_a ?? null,
                model_b: entry.row.model_b ?? null,
              }),
          gold: entry.row.gold_preference ?? null,
          in_project: !fresh.has(entry.externalId),
        },
  );
  return Response.json({ entries: body, truncated } satisfies ImportPreviewJson);
});
