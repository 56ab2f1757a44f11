import { z } from "zod";

/** An attribute question asked beside the preference, e.g. helpfulness of each response on 1–5. */
export const projectAttribute = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "use lowercase letters, digits and _ (e.g. helpfulness_a)"),
    label: z.string().trim().min(1).max(100),
    min: z.number().int().min(-10).max(10),
    max: z.number().int().min(-10).max(10),
  })
  .refine((a) => a.max > a.min, "max must be greater than min");

export const projectAttributes = z.array(projectAttribute).max(10);
export type ProjectAttribute = z.infer<typeof projectAttribute>;
