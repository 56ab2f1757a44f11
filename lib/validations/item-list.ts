import { z } from "zod";
import { booleanFlag } from "./export";
import { queryCursor, queryText } from "./query-params";

/**
 * The items table: its query (REST `GET /api/v1/projects/{slug}/items`, the
 * admin page's search params) and what one page answers.
 */
/** The items filter by the stopping rule's state. */
export const itemStates = ["open", "finished", "early", "disagreeing"] as const;
export type ItemState = (typeof itemStates)[number];

const count = z.coerce.number().int().min(0).max(1_000_000);

export const listItemsQuery = z
  .object({
    cursor: queryCursor().optional(),
    limit: z.coerce.number().int().min(1).max(200).optional().describe("Default 50."),
    search: queryText(200, { trim: true }).optional().describe("Case-insensitive substring of the prompt text or the item id."),
    min_judgments: count.optional(),
    max_judgments: count.optional(),
    gold: booleanFlag.optional().describe("true: only gold items; false: only non-gold items."),
    model: queryText(200).optional().describe("Items where model_a or model_b is exactly this."),
    skipped: booleanFlag.optional().describe("true: items at least one annotator skipped; false: items nobody skipped."),
    state: z
      .enum(itemStates, { error: `must be one of ${itemStates.join(", ")}` })
      .optional()
      .describe(
        "By the stopping rule (docs/formats.md, \"Adaptive overlap\"): open (not finished), finished, early (finished before K: unanimous, share or bound), disagreeing (open with at least k judgments: they disagree, so the item waits for more).",
      ),
  })
  .strict();
export type ListItemsQuery = z.output<typeof listItemsQuery>;

/** The listItems options a parsed query stands for. */
export function listItemsFiltersOf(query: ListItemsQuery) {
  const judgments =
    query.min_judgments !== undefined || query.max_judgments !== undefined
      ? { min: query.min_judgments, max: query.max_judgments }
      : undefined;
  return { cursor: query.cursor, limit: query.limit, search: query.search || undefined, judgments, gold: query.gold, model: query.model, skipped: query.skipped, state: query.state };
}

export const itemListEntryJson = z.object({
  item_id: z.string().describe("The item's external id."),
  prompt_preview: z.string().describe("The prompt's first 200 characters (chat prompts as `role: content` lines)."),
  model_a: z.string().nullable(),
  model_b: z.string().nullable(),
  judgments: z.number().int(),
  stop_reason: z
    .enum(["max", "unanimous", "share", "bound"])
    .nullable()
    .describe("Why the stopping rule finished the item (max: it reached K, or the fixed overlap); null while it is open."),
  gold_preference: z.number().int().nullable(),
  created_at: z.iso.datetime(),
});
export type ItemListEntry = z.infer<typeof itemListEntryJson>;

export const itemListJson = z.object({
  items: z.array(itemListEntryJson),
  next_cursor: z.string().nullable(),
});
export type ItemListPage = z.infer<typeof itemListJson>;
