import { z } from "zod";
import { booleanFlag } from "./export";
import { importFormats } from "./import-format";

/** The dataset import's pair rules (lib/import/datasets/common.ts keeps the same list). */
export const pairRules = ["all", "best-vs-rest", "adjacent"] as const;
const isDatasetFormatName = (format: string) => format === "hh" || format === "trl" || format === "ratings";

/** A reference judgment's source name: shown as the annotator `source:<name>` in exports. */
export const referenceSourceName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/, "must be 1–40 letters, digits, '.', '_' or '-', starting with a letter or digit");

/** `POST /api/v1/projects/{slug}/items`: the query string, and the report it answers. */
export const importItemsQuery = z
  .object({
    on_error: z.enum(["abort", "skip"]).default("abort").describe("abort: any bad line imports nothing. skip: import the good lines."),
    dry_run: booleanFlag
      .optional()
      .describe("Validate and count; write nothing."),
    format: z
      .enum(importFormats, { error: `must be one of ${importFormats.join(", ")}` })
      .optional()
      .describe("Overrides the Content-Type (jsonl, json, csv). hh, trl, ratings: a preference dataset (JSONL), its label kept as a reference judgment."),
    pairs: z
      .enum(pairRules, { error: `must be one of ${pairRules.join(", ")}` })
      .optional()
      .describe("format=ratings: which pairs of completions become items (default all)."),
    source: referenceSourceName.optional().describe("hh, trl, ratings: the reference judgments' source name (default the format's name)."),
  })
  .strict()
  .refine((query) => query.pairs === undefined || query.format === "ratings", { message: "applies only to format=ratings", path: ["pairs"] })
  .refine((query) => query.source === undefined || (query.format !== undefined && isDatasetFormatName(query.format)), {
    message: "applies only to format=hh, trl or ratings",
    path: ["source"],
  });
export type ImportItemsQuery = z.output<typeof importItemsQuery>;

export const importReportJson = z.object({
  imported: z.number().int(),
  duplicates: z.number().int().describe("Ids the project already held; left unchanged."),
  errors: z.array(z.object({ line: z.number().int(), reason: z.string() })).describe("The first 1000 bad lines, in file order."),
  total_errors: z.number().int(),
  duplicate_ids: z.array(z.string()).describe("The first 100 duplicate ids."),
  lines: z.number().int().describe("Records read (blank lines and the CSV header not counted)."),
  dry_run: z.boolean(),
  error: z
    .object({ code: z.string(), message: z.string() })
    .optional()
    .describe("Present with status 422: why nothing was imported."),
});
export type ImportReportJson = z.infer<typeof importReportJson>;

/**
 * The import page's preview (app/admin/projects/[slug]/import/preview): the
 * first rows of a file as the import will read them, texts cut short, and
 * whether only the start of the file was sent.
 */
export const importPreviewJson = z.object({
  entries: z.array(
    z.union([
      z.object({ line: z.number().int(), error: z.string() }),
      z.object({
        line: z.number().int(),
        id: z.string(),
        prompt: z.string(),
        response_a: z.string(),
        response_b: z.string(),
        model_a: z.string().nullable(),
        model_b: z.string().nullable(),
        gold: z.number().int().nullable(),
        /** The project already holds this id: the import will leave it unchanged (a duplicate). */
        in_project: z.boolean(),
      }),
    ]),
  ),
  truncated: z.boolean(),
});
export type ImportPreviewJson = z.infer<typeof importPreviewJson>;
export type ImportPreviewEntry = ImportPreviewJson["entries"][number];
