import { z } from "zod";
import { booleanFlag } from "./export";

/** `GET /api/v1/projects/{slug}/quality`: the query string. */
export const qualityQuery = z
  .object({
    identities: booleanFlag.optional().describe("Admins only: add `identities`, each pseudonym's name and email."),
  })
  .strict();

const rate = z.number().nullable();

/** What the quality route and `cli quality` answer (docs/formats.md, "Annotator quality"); documentation and tests. */
export const qualityJson = z.object({
  project: z.string(),
  scale: z.number().int(),
  items: z.number().int().describe("Real items with at least one judgment (gold items never count)."),
  judgments: z.number().int(),
  annotators: z.number().int(),
  gold_items: z.number().int().describe("Gold items with at least one answer: they anchor the reliability model."),
  gold_answers: z.number().int(),
  model: z.object({ iterations: z.number().int(), converged: z.boolean(), prior: z.object({ A: z.number(), tie: z.number(), B: z.number() }) }),
  reading: z.array(z.string()).describe("A few plain sentences: who stands out and why."),
  per_annotator: z.array(
    z.object({
      annotator: z.string().describe("The raw export's pseudonym."),
      status: z.enum(["qualifying", "active", "paused", "not_qualified"]).nullable().describe("null: no longer a member."),
      judgments: z.number().int(),
      gold: z.object({ answered: z.number().int(), correct: z.number().int(), accuracy: rate, ci_low: rate.describe("95% Wilson interval"), ci_high: rate }),
      self_consistency: z.object({ rechecks: z.number().int(), same_direction: z.number().int(), share_same_direction: rate, mean_abs_difference: rate }),
      reliability: rate.describe("Dawid–Skene: Σ_t prior_t · confusion[t][t], the probability that one of their labels is the true direction."),
      informativeness: rate,
      confusion: z.array(z.array(z.number())).nullable().describe("confusion[true][given], directions A, tie, B; rows sum to 1."),
      majority_agreement: rate,
      side_bias: rate,
      median_duration_ms: rate,
      flagged: z.number().int(),
      flags: z.array(z.object({ code: z.string(), count: z.number().int(), sentence: z.string() })),
    }),
  ),
  identities: z.record(z.string(), z.object({ name: z.string(), email: z.string(), external: z.boolean() })).optional(),
});
