import { z } from "zod";

/** Optional whole number that a form may send as "" or null for "no limit". */
function optionalLimit(max: number, what: string) {
  return z.preprocess(
    (value) => (value === "" || value === undefined ? null : value),
    z
      .number({ error: `${what} must be a whole number` })
      .int(`${what} must be a whole number`)
      .min(1, `${what} must be at least 1`)
      .max(max, `${what} must be at most ${max}`)
      .nullable(),
  );
}

/** An invite link: who it makes you in the project, how often it works, for how long. */
export const createInviteInput = z.object({
  role: z.enum(["lead", "annotator"]).default("annotator"),
  /** null: any number of people may join through it. */
  uses: optionalLimit(100_000, "uses").optional().default(null),
  /** null: the link never expires. */
  expires_in_days: optionalLimit(365, "expiry").optional().default(null),
});
export type CreateInviteInput = z.input<typeof createInviteInput>;
export type CreateInviteData = z.output<typeof createInviteInput>;

