import { z } from "zod";
import { pairView } from "./annotate-response";

/**
 * What the annotation screen shows for one ranking item (`view` of
 * `GET …/next?view=annotate` when `kind` is "ranking"): the prompt and the K
 * responses rendered on the server, IN DISPLAY ORDER (card 1 first), each with
 * its 0-based index in the item's own `responses`, and never the model names.
 * The screen submits the ranking in those item indices.
 */
export const rankingView = z.object({
  kind: z.literal("ranking"),
  item_id: z.string(),
  prompt_turns: pairView.shape.prompt_turns,
  responses: z.array(z.object({ index: z.number().int().min(0), html: z.string() })).min(2),
  lease_expires_at: pairView.shape.lease_expires_at,
});
export type RankingView = z.infer<typeof rankingView>;
