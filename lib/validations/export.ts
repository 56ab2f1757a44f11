import { z } from "zod";
import { queryDate } from "./query-params";

export const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

/** The export's query string, shared by the REST route, the admin page and the CLI (which maps its flags to these names). */
export const exportQuery = z
  .object({
    format: z
      .enum(["raw", "trl", "hh", "ranking", "card"])
      .default("raw")
      .describe("ranking: one line per judgment of a ranking item, its ranking in item indices (docs/formats.md)"),
    min_judgments: z.coerce.number().int().min(1).max(1000).optional(),
    min_agreement: z.coerce.number().min(0).max(1).optional(),
    exclude_gold: booleanFlag.optional(),
    ties: z.enum(["drop", "keep"]).optional(),
    consensus: z
      .enum(["majority", "reliability", "source"])
      .optional()
      .describe("trl and hh: majority (default) picks chosen by the mean preference; reliability by the Dawid–Skene posterior, and each line gains p_chosen; source follows the imported dataset's own label (every item with one, judged or not)"),
    both_bad: z.enum(["keep", "drop"]).optional().describe("drop: leave out items at least half of whose judgments flag both responses bad (default keep)"),
    prompt_format: z
      .enum(["auto", "text", "chat"])
      .optional()
      .describe("trl: one prompt form for every line. auto (default): chat when any prompt of the project is a chat (a text prompt becomes one user message); text flattens chats"),
    from: queryDate.optional(),
    to: queryDate.optional(),
    include_reference: booleanFlag.optional().describe("raw: add each item's imported reference label as a line by the annotator source:<source>"),
    source_agreement: z
      .enum(["agree", "disagree"])
      .optional()
      .describe("Only items whose consensus agrees (a cleaned dataset) or disagrees with the imported reference label"),
    identities: booleanFlag.optional(),
    as: z.enum(["json", "md"]).optional(),
    card_for: z.enum(["raw", "trl", "hh"]).optional().describe("format=card: the format of the export the card describes (default raw)"),
  })
  .strict();

export type ExportQuery = z.infer<typeof exportQuery>;

export function exportFiltersOf(query: ExportQuery) {
  return {
    minJudgments: query.min_judgments,
    minAgreement: query.min_agreement,
    excludeGold: query.exclude_gold,
    ties: query.ties,
    consensus: query.consensus,
    promptFormat: query.prompt_format,
    bothBad: query.both_bad,
    from: query.from,
    to: query.to,
    includeReference: query.include_reference,
    sourceAgreement: query.source_agreement,
  };
}
