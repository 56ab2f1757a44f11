import { z } from "zod";
import { booleanFlag } from "./export";
import { separationJson, styleControlFlag, styleControlJson } from "./bias";

/** `GET /api/v1/projects/{slug}/agreement`: the query string. */
export const agreementQuery = z
  .object({
    identities: booleanFlag.optional().describe("Admins only: add `identities`, each pseudonym's name and email."),
    disputed: z.coerce.number().int().min(0).max(1000).optional().describe("How many of the most disputed items to list (default 20)."),
    intervals: booleanFlag.optional().describe("Add `intervals`: bootstrap 95% intervals of the headline figures over items, and the items per number of judgments (costs seconds on large projects)."),
  })
  .strict();

/** `GET /api/v1/projects/{slug}/leaderboard`: the query string. */
export const leaderboardQuery = z
  .object({
    bootstrap: z.coerce.number().int().min(0).max(1000).optional().describe("Bootstrap rounds for the 95% intervals (0: none; default 200, fewer for very large projects)."),
    style_control: styleControlFlag.optional(),
  })
  .strict();

const rate = z.number().nullable();

/** What the agreement route answers (docs/formats.md, "Agreement metrics"); documentation and tests. */
export const agreementJson = z.object({
  project: z.string(),
  scale: z.number().int(),
  items: z.number().int(),
  annotators: z.number().int(),
  judgments: z.number().int(),
  percent_agreement: rate,
  mean_cohen_kappa: rate,
  fleiss_kappa: rate,
  krippendorff_alpha_nominal: rate,
  krippendorff_alpha_ordinal: rate,
  krippendorff_alpha_interval: rate,
  pairs: z.array(z.object({ a: z.string(), b: z.string(), n: z.number().int(), cohen_kappa: rate })),
  per_annotator: z.array(
    z.object({
      annotator: z.string(),
      judgments: z.number().int(),
      majority_agreement: rate,
      side_bias: rate.describe("Share of non-tie judgments choosing the response shown on the left; 0.5 is unbiased."),
      median_duration_ms: rate,
      tie_rate: rate,
      mean_preference: rate,
    }),
  ),
  preference_distribution: z.record(z.string(), z.number().int()),
  tie_rate: rate,
  disputed_items: z.array(z.object({ item_id: z.string(), n: z.number().int(), percent_agreement: z.number(), preferences: z.array(z.number().int()) })),
  items_with_multiple_judgments: z.number().int(),
  identities: z.record(z.string(), z.object({ name: z.string(), email: z.string(), external: z.boolean() })).optional(),
  rankings: z
    .object({
      items: z.number().int().describe("Ranking items with at least two rankings."),
      rankings: z.number().int(),
      mean_kendall_w: rate.describe("Mean over those items of Kendall's W (tie-corrected)."),
      per_item: z.array(z.object({ item_id: z.string(), n_rankings: z.number().int(), kendall_w: rate })).describe("Lowest W first."),
      alpha_ordinal_implied_pairs: rate.describe("Krippendorff's α (ordinal), each implied pair a unit."),
    })
    .optional()
    .describe("Only when the project has ranking items (docs/formats.md, \"Agreement on rankings\"). The pair figures above count each implied pair of a ranking item as an item."),
  intervals: z
    .object({
      rounds: z.number().int(),
      intervals: z.record(z.string(), z.object({ low: rate, high: rate })),
      items_by_judgments: z.record(z.string(), z.number().int()),
    })
    .optional(),
});

/** What the leaderboard route answers. Scores are Elo-style: 1000 + 400·log10(strength). */
export const leaderboardJson = z.object({
  project: z.string(),
  models: z.array(
    z.object({
      model: z.string(),
      score: z.number(),
      ci_low: rate,
      ci_high: rate,
      comparisons: z.number().int(),
      wins: z.number().int(),
      losses: z.number().int(),
      ties: z.number().int(),
    }),
  ),
  win_rate: z.record(z.string(), z.record(z.string(), rate)).describe("win_rate[row][column]: the share of points row won against column (a tie is half)."),
  comparisons_total: z.number().int(),
  pairs: z.array(z.object({ a: z.string(), b: z.string(), comparisons: z.number().int(), a_wins: z.number().int(), b_wins: z.number().int(), ties: z.number().int() })),
  judgments_without_models: z.number().int(),
  bootstrap: z.number().int(),
  separation: separationJson,
  style_control: styleControlJson.optional(),
  style_control_pending: z.literal(true).optional().describe("style_control=1 on a project whose style-controlled fit is being computed for the first time: ask again in a few seconds."),
});
