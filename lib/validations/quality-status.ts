import { z } from "zod";

/** `POST /api/v1/projects/{slug}/members/{userId}/quality-status`: a lead's decision on an annotator's gold-check standing. */
export const qualityStatusBody = z.object({
  action: z.enum(["admit", "retry", "readmit", "pause"], { error: "must be one of admit, retry, readmit, pause" }),
});
export type QualityStatusBody = z.infer<typeof qualityStatusBody>;

export const qualityStatusJson = z.object({
  user_id: z.string(),
  quality_status: z.enum(["QUALIFYING", "ACTIVE", "PAUSED", "NOT_QUALIFIED"]),
});
