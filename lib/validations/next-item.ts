import { z } from "zod";

/** `GET /projects/{slug}/next`: ids already on the annotator's screen, and whether to add the rendered pair. */
export const nextItemQuery = z.object({
  exclude: z
    .string()
    .optional()
    .transform((value) => (value ?? "").split(",").map((id) => id.trim()).filter(Boolean))
    .describe("Comma-separated item ids not to hand back (already on screen)."),
  // Lenient on purpose, as before this schema existed: any other value just leaves the view out.
  view: z.string().optional().describe("`annotate` adds the pair as the annotation screen shows it; other values are ignored."),
});
export type NextItemQuery = z.output<typeof nextItemQuery>;
