import { z } from "zod";
import { choiceOf } from "@/lib/scale/preference-scale";
import { NOT_STORABLE, isStorableJson, isStorableText, kindOf } from "./storable";
import { integritySignalsInput } from "./integrity";
import { rankingShape } from "@/lib/ranking-items/ranking";

/**
 * What the annotation screen and `POST /api/v1/projects/{slug}/judgments` send:
 * a `preference` for a pair item, or a `ranking` for a ranking item (tiers
 * best first, each a list of 0-based item indices; docs/formats.md). Exactly
 * one of the two: which one the item takes is checked against the item.
 */
const judgmentFields = z.object({
  item_id: z.string().min(1).max(200),
  preference: z.number().int().optional().describe("A pair item: −scale..scale in the item's own A/B terms. Absent for a ranking item."),
  ranking: rankingShape
    .optional()
    .describe("A ranking item: tiers best first, each a list of 0-based indices into the item's responses; every index exactly once; a tier of several is a tie."),
  rationale: z.string().max(20_000).optional().default(""),
  attributes: z.record(z.string().max(100), z.number().int().min(-100).max(100)).optional().default({}),
  flags: z.array(z.enum(["both_bad"])).max(10).optional().default([]),
  client_id: z.string().min(8).max(100).regex(/^[A-Za-z0-9_-]+$/, "use letters, digits, _ and -"),
  duration_ms: z.number().int().min(0).max(86_400_000).optional(),
  /**
   * The account the screen queued this judgment under. A judgment queued
   * offline and sent after someone else signed in on the same browser is
   * refused (lib/judgments/assert-expected-user.ts) instead of stored as theirs.
   */
  expected_user_id: z.string().min(1).max(100).optional(),
  /** Integrity signals the screen measured (lib/validations/integrity.ts); stored with flags in Judgment.metadata. */
  metadata: integritySignalsInput.optional(),
});

/** Exactly one of preference (a pair item) and ranking (a ranking item). */
function oneAnswer(value: { preference?: number; ranking?: number[][] }, context: z.RefinementCtx) {
  if (value.preference !== undefined && value.ranking !== undefined) {
    context.addIssue({ code: "custom", path: ["ranking"], message: "send either preference (a pair item) or ranking (a ranking item), not both" });
  } else if (value.preference === undefined && value.ranking === undefined) {
    context.addIssue({ code: "custom", path: ["preference"], message: "is required (or ranking, for a ranking item)" });
  }
}

export const submitJudgmentInput = judgmentFields.superRefine(oneAnswer);
export type SubmitJudgmentInput = z.infer<typeof submitJudgmentInput>;

/**
 * The body of `POST /api/v1/projects/{slug}/judgments`: a judgment, and
 * optionally `next: true` to have the next lease come back in the same answer
 * (the annotation screen's one-request flow; docs/formats.md). `exclude` and
 * `view` mean what they mean for `GET …/next`; the judged item is never handed
 * back.
 */
export const submitJudgmentBody = submitJudgmentInput
  .extend({
    next: z.boolean().optional().default(false).describe("true: answer with the next lease too, as `next` (null when nothing is left)."),
    exclude: z
      .array(z.string().min(1).max(200))
      .max(20)
      .optional()
      .default([])
      .describe("With next: item ids not to hand back (already on screen), as GET …/next?exclude="),
    view: z.enum(["annotate"]).optional().describe("With next: `annotate` adds the rendered pair to `next`, as GET …/next?view=annotate"),
  })
  .superRefine((body, ctx) => {
    if (body.next) return;
    if (body.exclude.length) ctx.addIssue({ code: "custom", path: ["exclude"], message: "only goes with next: true" });
    if (body.view) ctx.addIssue({ code: "custom", path: ["view"], message: "only goes with next: true" });
  });
export type SubmitJudgmentBody = z.output<typeof submitJudgmentBody>;

/** What the annotation screen queues and sends (POST, or PATCH after Undo): the parsed input, with its time always set. */
export type JudgmentBody = z.output<typeof submitJudgmentInput> & { duration_ms: number };

/**
 * Undo: the annotator goes back to their last pair and changes it. The fields
 * replace the stored ones (the screen sends its whole state); `duration_ms` is
 * the extra time spent and is added to the stored duration.
 */
export const updateJudgmentInput = judgmentFields.omit({ client_id: true }).superRefine(oneAnswer);
export type UpdateJudgmentInput = z.infer<typeof updateJudgmentInput>;

/**
 * The body of `PATCH /judgments/{itemId}`: the URL names the item, so
 * `item_id` is optional (it must match when sent), and `client_id`, which
 * only identifies a first submission, is ignored.
 */
export const patchJudgmentBody = judgmentFields
  .omit({ client_id: true })
  .extend({ item_id: judgmentFields.shape.item_id.optional() })
  .superRefine(oneAnswer);

/**
 * A project's attribute questions as stored in `Project.attributes`: the one
 * schema of lib/validations/project.ts, under the name the judgment code uses.
 */
export { projectAttributes as attributeQuestions } from "./project";
export type { ProjectAttribute as AttributeQuestion } from "./project";

export const skipItemInput = z.object({
  item_id: z.string().min(1).max(200),
  reason: z.string().trim().min(1, "say why you skip").max(500),
});
export type SkipItemInput = z.infer<typeof skipItemInput>;

/** An id from another tool: a non-empty string, or an integer (same thing as its digits). */
function importedId(what: string) {
  return z
    .union([z.string(), z.number().int().nonnegative()], {
      error: (issue) => (issue.input === undefined ? `is required (the ${what})` : `must be a string (got ${kindOf(issue.input)})`),
    })
    .transform(String)
    .pipe(z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters").refine(isStorableText, NOT_STORABLE));
}

// Timestamps must fit PostgreSQL's and JavaScript's ranges alike.
const LATEST = Date.UTC(9999, 11, 31);
const isImportableDate = (value: string) => {
  const time = Date.parse(value);
  return Number.isFinite(time) && time >= 0 && time <= LATEST;
};

/**
 * One line of a judgments import (docs/formats.md, "Import: judgments"): the raw
 * export's fields, of which item_id, annotator and preference are required.
 * The raw export's other fields (prompt, responses, strength…) are ignored,
 * except `scale` and `choice`, which are checked: a file on another scale, or
 * with the sign of its preferences flipped, would otherwise import quietly
 * wrong. JSON `null` means absent, as in the item import. The preference's
 * range (−S..S) is the project's and is checked by the importer.
 */
export const importJudgmentRow = z
  .object({
    item_id: importedId("item's external id"),
    annotator: importedId("annotator's pseudonym or email"),
    preference: z
      .number({ error: (issue) => (issue.input === undefined ? "is required (an integer in −S..S)" : `must be an integer (got ${kindOf(issue.input)})`) })
      .int("must be an integer"),
    choice: z.enum(["A", "tie", "B"], { error: 'must be "A", "tie" or "B"' }).nullish(),
    scale: z.number({ error: "must be a positive integer" }).int("must be a positive integer").min(1, "must be a positive integer").nullish(),
    rationale: z
      .string({ error: (issue) => `must be a string (got ${kindOf(issue.input)})` })
      .max(20_000, "must be at most 20,000 characters")
      .refine(isStorableText, NOT_STORABLE)
      .nullish()
      .transform((value) => value ?? ""),
    flags: z
      .array(z.string({ error: "must be a list of strings" }).min(1, "must not hold empty strings").max(100).refine(isStorableText, NOT_STORABLE), {
        error: (issue) => `must be a list of strings (got ${kindOf(issue.input)})`,
      })
      .max(20, "must hold at most 20 flags")
      .nullish()
      .transform((value) => value ?? []),
    attributes: z
      .record(z.string(), z.unknown(), { error: "must be a JSON object" })
      .refine((value) => isStorableJson(value), `${NOT_STORABLE}, or is nested more than 64 levels deep`)
      .nullish()
      .transform((value) => value ?? {}),
    shown_swapped: z
      .boolean({ error: (issue) => `must be true, false or null (got ${kindOf(issue.input)})` })
      .nullish()
      .transform((value) => value ?? null),
    duration_ms: z
      .number({ error: (issue) => `must be a whole number of milliseconds (got ${kindOf(issue.input)})` })
      .int("must be a whole number of milliseconds")
      .min(0, "must not be negative")
      .max(2_147_483_647, "is too large")
      .nullish()
      .transform((value) => value ?? null),
    created_at: z
      .string({ error: (issue) => `must be a date string such as 2026-11-27T10:00:00.000Z (got ${kindOf(issue.input)})` })
      .refine(isImportableDate, "must be a date such as 2026-11-27T10:00:00.000Z")
      .nullish()
      .transform((value) => (value ? new Date(value) : null)),
    guidelines_version: z
      .number({ error: "must be a positive integer" })
      .int("must be a positive integer")
      .min(1, "must be a positive integer")
      .nullish()
      .transform((value) => value ?? null),
  })
  .superRefine((row, ctx) => {
    if (row.choice != null && row.choice !== choiceOf(row.preference)) {
      ctx.addIssue({ code: "custom", path: ["choice"], message: `is "${row.choice}" but preference ${row.preference} means "${choiceOf(row.preference)}"` });
    }
  });
export type ImportJudgmentRow = z.output<typeof importJudgmentRow>;
