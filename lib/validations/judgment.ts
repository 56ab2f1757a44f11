import { z } from "zod";

/** What the annotation screen and `POST /api/v1/projects/{slug}/judgments` send. */
export const submitJudgmentInput = z.object({
  item_id: z.string().min(1).max(200),
  preference: z.number().int(),
  rationale: z.string().max(20_000).optional().default(""),
  attributes: z.record(z.string().max(100), z.number().int().min(-100).max(100)).optional().default({}),
  flags: z.array(z.enum(["both_bad"])).max(10).optional().default([]),
  client_id: z.string().min(8).max(100).regex(/^[A-Za-z0-9_-]+$/, "use letters, digits, _ and -"),
  duration_ms: z.number().int().min(0).max(86_400_000).optional(),
});
export type SubmitJudgmentInput = z.infer<typeof submitJudgmentInput>;

/**
 * Undo: the annotator goes back to their last pair and changes it. The fields
 * replace the stored ones (the screen sends its whole state); `duration_ms` is
 * the extra time spent and is added to the stored duration.
 */
export const updateJudgmentInput = submitJudgmentInput.omit({ client_id: true });
export type UpdateJudgmentInput = z.infer<typeof updateJudgmentInput>;

/** A project's attribute questions as stored in `Project.attributes`. */
export const attributeQuestions = z.array(
  z.object({ key: z.string().min(1), label: z.string(), min: z.number().int(), max: z.number().int() }),
);
export type AttributeQuestion = z.infer<typeof attributeQuestions>[number];

export const skipItemInput = z.object({
  item_id: z.string().min(1).max(200),
  reason: z.string().trim().min(1, "say why you skip").max(500),
});
export type SkipItemInput = z.infer<typeof skipItemInput>;
