import { z } from "zod";

/** `GET /api/v1/projects/{slug}/source-agreement`: the query string. */
export const sourceAgreementQuery = z
  .object({
    limit: z.coerce.number().int().min(0).max(1000).optional().describe("How many overturned items to list (default 100)."),
  })
  .strict();

const share = {
  agree: z.number().int(),
  total: z.number().int(),
  rate: z.number().nullable(),
  interval: z.object({ low: z.number(), high: z.number() }).nullable().describe("Wilson 95% score interval; null when total is 0."),
};
const choice = z.enum(["A", "tie", "B"]);

/** What the route answers (docs/formats.md, "Agreement with the source"). */
export const sourceAgreementJson = z.object({
  project: z.string(),
  sources: z.array(z.string()),
  reference_items: z.number().int().describe("Items with a reference label."),
  judged_items: z.number().int().describe("Of those, items with at least one judgment: what overall counts."),
  overall: z.object(share).describe("Items whose consensus (sign of the sum of the judgments) picks the reference's direction."),
  per_annotator: z.array(z.object({ annotator: z.string(), ...share })).describe("Each annotator's judgments against the reference, by direction."),
  overturned: z.array(
    z.object({ item_id: z.string(), source: z.string(), reference: choice, consensus: choice, n_judgments: z.number().int(), mean: z.number() }),
  ),
  total_overturned: z.number().int(),
});
