import { z } from "zod";
import { queryCursor } from "./query-params";

/** `GET /api/v1/projects/{slug}/skips`: a page of the project's skips, newest first (leads and admins). */
export const listSkipsQuery = z
  .object({
    cursor: queryCursor().optional(),
    limit: z.coerce.number().int().min(1).max(200).optional().describe("Default 50."),
  })
  .strict();

export const skipListJson = z.object({
  skips: z.array(
    z.object({
      item_id: z.string().describe("The item's external id."),
      reason: z.string(),
      annotator: z.string().describe("The annotator's pseudonym in this project (their name for admins)."),
      created_at: z.iso.datetime(),
    }),
  ),
  total: z.number().int().describe("Skips in the project, counted up to 10,000."),
  total_is_lower_bound: z.boolean().describe("true: there are more than `total` (10,000) skips; they are not all counted."),
  next_cursor: z.string().nullable(),
});
export type SkipListJson = z.infer<typeof skipListJson>;
