import { z } from "zod";

/** `GET /api/v1/projects/{slug}/bias`: no parameters. */
export const biasQuery = z.object({}).strict();

/** `?style_control=` on the leaderboard route: 1/true adds the style-controlled fit. */
export const styleControlFlag = z
  .enum(["1", "0", "true", "false"], { message: "style_control must be 1 or 0 (or true / false)" })
  .transform((v) => v === "1" || v === "true")
  .describe("1: add `style_control`, the Bradley–Terry fit with style covariates (docs/formats.md, Style-controlled leaderboard). Reads every judged item's responses.");

const rate = z.number().nullable();

const positionJson = z.object({
  counted: z.number().int(),
  left_wins: z.number().int(),
  share: rate,
  ci_low: rate,
  ci_high: rate,
  distinguishable: z.boolean().nullable(),
  sentence: z.string(),
});

const featureJson = z.object({
  feature: z.enum(["words", "headers", "list_items", "bold", "code_blocks"]),
  unit: z.number(),
  counted: z.number().int(),
  more_wins: z.number().int(),
  share: rate,
  ci_low: rate,
  ci_high: rate,
  fit: z
    .object({ n: z.number().int(), intercept: z.number(), coef: z.number(), coef_low: z.number(), coef_high: z.number(), p_equal: z.number(), p_plus_one: z.number() })
    .nullable()
    .describe("Logistic regression of B chosen on (B − A)/unit over non-tie judgments; coef is log-odds per unit with a Wald 95% interval."),
  distinguishable: z.boolean().nullable(),
  sentence: z.string(),
});

const figuresJson = z.object({
  judgments: z.number().int(),
  decisive: z.number().int(),
  position: positionJson,
  features: z.object({ words: featureJson, headers: featureJson, list_items: featureJson, bold: featureJson, code_blocks: featureJson }),
});

const binsJson = z.array(z.object({ x: z.number(), n: z.number().int(), b_rate: z.number() }));

/** What `GET …/bias` answers (docs/formats.md, "Bias diagnostics"). */
export const biasJson = figuresJson.extend({
  project: z.string(),
  per_annotator: z.array(figuresJson.extend({ annotator: z.string() })),
  bins: z.object({ words: binsJson, headers: binsJson, list_items: binsJson, bold: binsJson, code_blocks: binsJson }),
});

const ratingJson = z.object({ model: z.string(), score: z.number(), ci_low: rate, ci_high: rate, comparisons: z.number().int(), wins: z.number().int(), losses: z.number().int(), ties: z.number().int() });

/** Adjacent models in a ranking: docs/formats.md, "How many judgments are enough". */
export const separationJson = z.array(
  z.object({
    higher: z.string(),
    lower: z.string(),
    separated: z.boolean().nullable(),
    comparisons: z.number().int(),
    higher_share: rate,
    more_needed: z.number().int().nullable(),
  }),
);

/** The leaderboard's `style_control` member (with ?style_control=1). */
export const styleControlJson = z.object({
  models: z.array(ratingJson),
  style: z.array(z.object({ feature: z.enum(["words", "headers", "list_items", "bold"]), coef: z.number(), ci_low: rate, ci_high: rate, sd: z.number() })),
  comparisons_total: z.number().int(),
  bootstrap: z.number().int(),
  separation: separationJson,
  as_of: z.iso.datetime().nullable().optional().describe("When the stored fit was computed (it is recomputed in the background as judgments arrive)."),
  stale: z.boolean().optional().describe("true: judgments arrived since as_of and an update is under way."),
});
