import { z } from "zod";
import { booleanFlag } from "./export";

/** `POST /api/v1/projects/{slug}/judgments/import`: the query string, and the report it answers. */
export const importJudgmentsQuery = z
  .object({
    on_error: z.enum(["abort", "skip"]).default("abort").describe("abort: any bad line imports nothing. skip: import the good lines."),
    dry_run: booleanFlag.optional().describe("Validate and count; write nothing."),
  })
  .strict();

export const judgmentImportReportJson = z.object({
  imported: z.number().int(),
  duplicates: z.number().int().describe("Lines whose annotator had already judged that item here; left unchanged."),
  errors: z.array(z.object({ line: z.number().int(), reason: z.string() })).describe("The first 1000 bad lines, in file order."),
  total_errors: z.number().int(),
  lines: z.number().int(),
  annotators_created: z.number().int().describe("External annotators (no login) created for names matching no user."),
  dry_run: z.boolean(),
  error: z.object({ code: z.string(), message: z.string() }).optional().describe("Present with status 422: why nothing was imported."),
});
export type JudgmentImportReportJson = z.infer<typeof judgmentImportReportJson>;
