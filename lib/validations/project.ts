import { z } from "zod";
import { emailField } from "./user";
import { queryCursor } from "./query-params";

/**
 * Project settings as the REST API, the admin forms and the CLI send them
 * (snake_case, docs/formats.md). The one attribute-question schema lives here too;
 * lib/validations/judgment.ts re-exports it.
 */

/** An attribute question asked beside the preference, e.g. helpfulness of each response on 1–5. */
export const projectAttribute = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "use lowercase letters, digits and _ (e.g. helpfulness_a)"),
    label: z.string().trim().min(1).max(100),
    min: z.number().int().min(-10).max(10),
    max: z.number().int().min(-10).max(10),
  })
  .refine((a) => a.max > a.min, "max must be greater than min");

export const projectAttributes = z
  .array(projectAttribute)
  .max(10)
  .refine((list) => new Set(list.map((a) => a.key)).size === list.length, "each attribute key must be used once");
export type ProjectAttribute = z.infer<typeof projectAttribute>;

export const projectStatuses = ["DRAFT", "ACTIVE", "PAUSED", "ARCHIVED"] as const;
export type ProjectStatusValue = (typeof projectStatuses)[number];

// `/admin/projects/new` is a page, so a project may not be called "new".
const reservedSlugs = new Set(["new"]);

export const projectSlug = z
  .string()
  .min(2, "use at least 2 characters")
  .max(60, "use at most 60 characters")
  .regex(/^[a-z0-9-]+$/, "use lowercase letters, digits and - (e.g. helpfulness-v2)")
  .refine((slug) => !reservedSlugs.has(slug), "this name is reserved; choose another");

export const GUIDELINES_MAX_BYTES = 200 * 1024;

/**
 * "uniform": the fewest judgments first, then the oldest. "leaderboard": the
 * items of the least settled model pair first (lib/ranking/pair-priority.ts).
 */
export const projectSamplings = ["uniform", "leaderboard"] as const;
export type ProjectSampling = (typeof projectSamplings)[number];

/** The most judgments an item can be asked for (overlap, overlap_max). */
export const OVERLAP_MAX = 50;

/**
 * k and K go together (both set: adaptive; both null: the fixed overlap) and
 * k ≤ K. The field to blame and the words, or null when they are fine; zod
 * refines the create and update input with it, and updateProject checks it
 * again on the merged settings (a PATCH may send one of the two).
 */
export function overlapRangeIssue(min: number | null | undefined, max: number | null | undefined): { field: "overlap_min" | "overlap_max"; message: string } | null {
  if (min == null && max == null) return null;
  if (min == null) return { field: "overlap_min", message: "Set the minimum overlap k too (or clear both for a fixed overlap)" };
  if (max == null) return { field: "overlap_max", message: "Set the maximum overlap K too (or clear both for a fixed overlap)" };
  if (min > max) return { field: "overlap_max", message: `Must be at least the minimum overlap k (${min})` };
  return null;
}

function refineOverlapRange(value: { overlap_min?: number | null; overlap_max?: number | null }, ctx: z.RefinementCtx) {
  // A PATCH with neither leaves them as they are; with one, updateProject checks the merged pair.
  if (value.overlap_min === undefined || value.overlap_max === undefined) return;
  const issue = overlapRangeIssue(value.overlap_min, value.overlap_max);
  if (issue) ctx.addIssue({ code: "custom", path: [issue.field], message: issue.message });
}

const fields = {
  slug: projectSlug,
  name: z.string().trim().min(1, "enter a name").max(200),
  description: z.string().trim().max(2000),
  guidelines: z
    .string()
    .max(GUIDELINES_MAX_BYTES, "must be at most 200 KB of text")
    .refine((text) => new TextEncoder().encode(text).length <= GUIDELINES_MAX_BYTES, "must be at most 200 KB of text"),
  scale: z.number().int().min(1).max(5),
  allow_tie: z.boolean(),
  require_rationale: z.boolean(),
  overlap: z.number().int().min(1).max(OVERLAP_MAX),
  // Adaptive overlap (docs/formats.md): null k and K keep the fixed overlap.
  overlap_min: z.number().int().min(1).max(OVERLAP_MAX).nullable(),
  overlap_max: z.number().int().min(1).max(OVERLAP_MAX).nullable(),
  stop_share: z.number().gt(0.5, "must be above 0.5 (a majority) and at most 1 (unanimous only)").max(1, "must be above 0.5 (a majority) and at most 1 (unanimous only)"),
  stop_on: z.enum(["share", "bound"], { error: 'must be "share" or "bound"' }),
  attributes: projectAttributes,
  // Scripts write "active", the database says ACTIVE: accept both.
  status: z
    .enum([...projectStatuses, ...projectStatuses.map((s) => s.toLowerCase() as Lowercase<ProjectStatusValue>)])
    .transform((s) => s.toUpperCase() as ProjectStatusValue),
  lease_minutes: z.number().int().min(1).max(1440),
  // Quality controls (docs/formats.md, "Gold, qualification and re-checks").
  gold_rate: z
    .number()
    .int()
    .min(0)
    .max(1000, "must be at most 1000 (one gold item in 1000 pairs)")
    .refine((n) => n !== 1, "must be 0 (off) or from 2 to 1000: about one pair in N is a gold item"),
  qualification_items: z.number().int().min(0).max(100),
  qualification_pass_mark: z.number().min(0).max(1),
  gold_feedback: z.enum(["training", "audit"], { error: 'must be "training" or "audit"' }),
  pause_below_accuracy: z.number().min(0).max(1).nullable(),
  pause_min_gold: z.number().int().min(1).max(1000),
  gold_window: z.number().int().min(1).max(1000),
  recheck_rate: z.number().min(0).max(0.5, "must be at most 0.5 (half of an annotator's judgments)"),
  recheck_min_gap: z.number().int().min(0).max(1000),
  // Which open items are served first (docs/formats.md, "Leaderboard sampling").
  sampling: z.enum(projectSamplings, { error: 'must be "uniform" or "leaderboard"' }),
};

/** The adaptive-overlap fields, in both the create and the update schema. */
const adaptiveFields = {
  overlap_min: fields.overlap_min.optional(),
  overlap_max: fields.overlap_max.optional(),
  stop_share: fields.stop_share.optional(),
  stop_on: fields.stop_on.optional(),
};

/** The quality-control fields, in both the create and the update schema. */
const qualityFields = {
  gold_rate: fields.gold_rate.optional(),
  qualification_items: fields.qualification_items.optional(),
  qualification_pass_mark: fields.qualification_pass_mark.optional(),
  gold_feedback: fields.gold_feedback.optional(),
  pause_below_accuracy: fields.pause_below_accuracy.optional(),
  pause_min_gold: fields.pause_min_gold.optional(),
  gold_window: fields.gold_window.optional(),
  recheck_rate: fields.recheck_rate.optional(),
  recheck_min_gap: fields.recheck_min_gap.optional(),
};

/** `POST /api/v1/projects`. Unknown keys are refused, so a typo such as `allowTie` is not silently ignored. */
export const createProjectInput = z
  .object({
    slug: fields.slug,
    name: fields.name,
    description: fields.description.optional().default(""),
    guidelines: fields.guidelines.optional().default(""),
    scale: fields.scale.default(3),
    allow_tie: fields.allow_tie.default(true),
    require_rationale: fields.require_rationale.default(false),
    overlap: fields.overlap.default(3),
    attributes: fields.attributes.optional().default([]),
    status: fields.status.default("DRAFT"),
    lease_minutes: fields.lease_minutes.default(30),
    sampling: fields.sampling.default("uniform"),
    ...adaptiveFields,
    ...qualityFields,
  })
  .strict()
  .superRefine((value, ctx) => refineOverlapRange({ overlap_min: value.overlap_min ?? null, overlap_max: value.overlap_max ?? null }, ctx));
export type CreateProjectInput = z.input<typeof createProjectInput>;
export type CreateProjectData = z.output<typeof createProjectInput>;

/** `PATCH /api/v1/projects/{slug}`: any subset of the same fields; absent means unchanged. */
export const updateProjectInput = z
  .object({
    slug: fields.slug.optional(),
    name: fields.name.optional(),
    description: fields.description.optional(),
    guidelines: fields.guidelines.optional(),
    scale: fields.scale.optional(),
    allow_tie: fields.allow_tie.optional(),
    require_rationale: fields.require_rationale.optional(),
    overlap: fields.overlap.optional(),
    attributes: fields.attributes.optional(),
    status: fields.status.optional(),
    lease_minutes: fields.lease_minutes.optional(),
    sampling: fields.sampling.optional(),
    ...adaptiveFields,
    ...qualityFields,
  })
  .strict()
  .superRefine(refineOverlapRange);
export type UpdateProjectInput = z.input<typeof updateProjectInput>;
export type UpdateProjectData = z.output<typeof updateProjectInput>;

/** The settings page's sampling form: the one field, required. */
export const samplingSettingsInput = z.object({ sampling: fields.sampling }).strict();

/** `POST /api/v1/projects/{slug}/members`: an existing user, by email. */
export const addMemberInput = z
  .object({
    email: emailField,
    role: z.enum(["lead", "annotator", "LEAD", "ANNOTATOR"]).transform((r) => r.toUpperCase() as "LEAD" | "ANNOTATOR"),
  })
  .strict();
export type AddMemberInput = z.input<typeof addMemberInput>;

/** `?cursor=&limit=` of the project list. */
export const listProjectsQuery = z
  .object({
    cursor: queryCursor().optional(),
    limit: z.coerce.number().int().min(1).max(200).optional(),
  })
  .strict();
