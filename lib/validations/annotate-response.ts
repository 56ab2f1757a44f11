import { z } from "zod";
import { chatMessage, chatRoles } from "./item";
import { errorResponseJson } from "./error-response";

/**
 * What the annotation routes answer (next, judgments, skips). The lib
 * functions and the annotation screen take their types from these schemas,
 * /api/v1/openapi.json is generated from them, and
 * test/rest-annotate-shapes.test.ts parses real answers with them.
 */
const timestamp = z.iso.datetime();

/**
 * What the annotation screen shows for one pair: HTML rendered on the server
 * (so the browser never bundles a markdown pipeline), the responses already
 * in screen order, and never the model names.
 */
export const pairView = z.object({
  item_id: z.string(),
  swapped: z.boolean().describe("Whether response B is shown on the left."),
  prompt_turns: z.array(z.object({ role: z.enum(chatRoles), html: z.string() })),
  left_html: z.string(),
  right_html: z.string(),
  lease_expires_at: timestamp.nullable(),
  /** A ranking item: its responses rendered, in display order (left_html and right_html are then empty). */
  responses_html: z
    .array(z.object({ index: z.number().int().describe("0-based index in the item's responses"), html: z.string() }))
    .optional()
    .describe("A ranking item only: the responses rendered, in display order."),
});
export type PairView = z.infer<typeof pairView>;

/** One response of a ranking item as leased: its index in the item, in display order. */
export const leasedResponseJson = z.object({
  index: z.number().int().describe("0-based index in the item's responses: what a ranking names."),
  text: z.string(),
  model: z.string().optional(),
});

/** `GET …/next` without `?view=annotate`: the leased item as stored. */
export const leasedItemJson = z.object({
  item_id: z.string(),
  kind: z.enum(["pair", "ranking"]).describe("pair: judge response_a vs response_b (a preference). ranking: rank `responses` (a ranking)."),
  prompt: z.union([z.string(), z.array(chatMessage)]).describe("A string, or a chat transcript whose last message is the user's."),
  response_a: z.string().describe("Empty for a ranking item."),
  response_b: z.string().describe("Empty for a ranking item."),
  responses: z
    .array(leasedResponseJson)
    .optional()
    .describe("A ranking item only: its 3–9 responses in display order (a random order chosen at lease, kept for the lease)."),
  lease_expires_at: timestamp.describe("Submit before this, or the item may go to someone else (the judgment is still kept)."),
});
export type NextItemBody = z.infer<typeof leasedItemJson>;

export const nextItemJson = leasedItemJson.extend({
  view: pairView.optional().describe("With ?view=annotate: the pair rendered as the annotation screen shows it."),
});
export type NextItemJson = z.infer<typeof nextItemJson>;

/** `GET …/judgments/mine` and `…/judgments/{itemId}`: a pair already judged, as it was shown, with the answer (Undo). */
export const judgedPairJson = z.object({
  kind: z.enum(["pair", "ranking"]).describe("pair: values.preference is set. ranking: values.ranking is, and view.responses_html is in the order it was ranked in."),
  view: pairView,
  values: z.object({
    preference: z.number().int().optional().describe("A pair item: the preference in the item's A/B terms."),
    ranking: z.array(z.array(z.number().int())).optional().describe("A ranking item: tiers best first, in item indices."),
    flags: z.array(z.string()),
    rationale: z.string(),
    attributes: z.record(z.string(), z.number().int()),
    client_id: z.string(),
  }),
});
export type JudgedPair = z.infer<typeof judgedPairJson>;

/** `GET …/judgments/{itemId}`: the judgment with the item's texts as stored; `?view=annotate` adds the pair as it was shown. */
export const ownJudgmentJson = z.object({
  item_id: z.string(),
  prompt: leasedItemJson.shape.prompt,
  response_a: z.string(),
  response_b: z.string(),
  shown_swapped: z.boolean().nullable().describe("Whether response B was on the left; null when unknown."),
  responses: z.array(leasedResponseJson).optional().describe("A ranking item: its responses as stored, in item order."),
  shown_order: z.array(z.number().int()).optional().describe("A ranking item: the display order it was ranked in (display position -> item index)."),
  values: judgedPairJson.shape.values,
  view: pairView.optional().describe("With ?view=annotate: the pair rendered (HTML) as it was shown."),
});
export type OwnJudgmentJson = z.infer<typeof ownJudgmentJson>;

export const ownJudgmentQuery = z.object({ view: z.enum(["annotate"]).optional() }).strict();

/** After a gold item, in a project whose goldFeedback is "training" only (docs/formats.md, "Gold, qualification and re-checks"). */
export const goldFeedbackJson = z.object({
  expected_preference: z.number().int().optional().describe("A pair gold item: the gold answer, in the item's A/B terms."),
  expected_ranking: z
    .array(z.array(z.number().int()))
    .optional()
    .describe("A gold ranking item: the gold ranking, tiers best first, in item indices."),
  explanation: z.string().describe("The lead's explanation (plain text; may be empty)."),
  correct: z.boolean().describe("Whether your first answer met the gold answer and its tolerance."),
});

const rankingJson = z.array(z.array(z.number().int())).describe("A ranking item: tiers best first, in item indices.");

export const storedJudgmentJson = z.object({
  judgment: z.object({
    item_id: z.string(),
    preference: z.number().int().optional().describe("A pair item only."),
    choice: z.enum(["A", "tie", "B"]).optional().describe("A pair item only."),
    ranking: rankingJson.optional(),
    client_id: z.string(),
    created_at: timestamp,
  }),
  feedback: goldFeedbackJson.optional().describe("Only after a gold item in training mode; absent otherwise."),
  next: nextItemJson
    .nullable()
    .optional()
    .describe("Only when the body said next: true. The next lease, exactly as GET …/next answers it; null when nothing is left for you or it was refused (see next_refusal)."),
  next_refusal: errorResponseJson.shape.error
    .optional()
    .describe(
      "With next: true, when the judgment was stored but no next item may be handed out: the error GET …/next would have answered (409 project not active; 403 with details.reason \"paused\" or \"not_qualified\"). The judgment's status (201/200) stands.",
    ),
});
export type StoredJudgmentJson = z.infer<typeof storedJudgmentJson>;

export const updatedJudgmentJson = z.object({
  judgment: z.object({
    item_id: z.string(),
    preference: z.number().int().optional().describe("A pair item only."),
    ranking: rankingJson.optional(),
    updated_at: timestamp,
  }),
});
export type UpdatedJudgmentJson = z.infer<typeof updatedJudgmentJson>;

export const skippedJson = z.object({ skipped: z.string().describe("The item id.") });
