import { z } from "zod";
import { booleanFlag } from "./export";

/** `POST /api/v1/projects/{slug}/items`: the query string, and the report it answers. */
export const importItemsQuery = z
  .object({
    on_error: z.enum(["abort", "skip"]).default("abort").describe("abort: any bad line imports nothing. skip: import the good lines."),
    dry_run: booleanFlag
      .optional()
      .describe("Validate and count; write nothing."),
    format: z.enum(["jsonl", "json", "csv"]).optional().describe("Overrides the Content-Type (jsonl, json, csv)."),
  })
  .strict();
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
