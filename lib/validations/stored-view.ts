import { z } from "zod";

/** The heavy views kept in "StoredView" (lib/views), by key. */
export const STORED_VIEW_KEYS = ["agreement", "bias", "quality", "style-leaderboard", "export-preview", "member-work", "model-names"] as const;
export type StoredViewKey = (typeof STORED_VIEW_KEYS)[number];

/** A lead's "Refresh" on a stored view (the pages' button, `POST …/views/{view}/refresh`). */
export const refreshViewInput = z.object({
  project: z.string().min(1).max(100),
  view: z.enum(STORED_VIEW_KEYS, { message: `view: must be one of ${STORED_VIEW_KEYS.join(", ")}` }),
});
export type RefreshViewInput = z.infer<typeof refreshViewInput>;
