import { z } from "zod";
import { projectAttribute } from "./project";

/**
 * What the REST API answers about projects and members. The lib functions are
 * typed by these schemas and /api/v1/openapi.json is generated from them, so
 * the document cannot drift from the code.
 */
const timestamp = z.iso.datetime();
const statusValue = z.enum(["draft", "active", "paused", "archived"]);

export const projectJson = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  guidelines: z.string().describe("Markdown."),
  guidelines_version: z.number().int().describe("Bumped by every change of the guidelines; judgments record the version in force."),
  scale: z.number().int().describe("S: preferences are integers in −S..S."),
  allow_tie: z.boolean(),
  require_rationale: z.boolean(),
  overlap: z.number().int().describe("Judgments wanted per item (the fixed overlap; used while overlap_min and overlap_max are null)."),
  overlap_min: z.number().int().nullable().describe("Adaptive overlap: k, the judgments every item gets before the stopping rule may finish it (null: fixed overlap)."),
  overlap_max: z.number().int().nullable().describe("Adaptive overlap: K, the most judgments an item is offered for (null: fixed overlap)."),
  stop_share: z.number().describe("The stopping rule's threshold on the majority direction's share, in (0.5, 1]."),
  stop_on: z.enum(["share", "bound"]).describe("share: the majority's share reaches stop_share; bound: the lower end of its 90% Wilson interval does."),
  attributes: z.array(projectAttribute),
  status: statusValue,
  lease_minutes: z.number().int(),
  gold_rate: z.number().int(),
  qualification_items: z.number().int(),
  qualification_pass_mark: z.number(),
  gold_feedback: z.enum(["training", "audit"]),
  pause_below_accuracy: z.number().nullable(),
  pause_min_gold: z.number().int(),
  gold_window: z.number().int(),
  recheck_rate: z.number(),
  recheck_min_gap: z.number().int(),
  sampling: z.enum(["uniform", "leaderboard"]).describe("Which open items are served first (docs/formats.md, \"Leaderboard sampling\")."),
  created_at: timestamp,
  updated_at: timestamp,
});
export type ProjectJson = z.infer<typeof projectJson>;

export const projectProgressJson = z.object({
  items: z.number().int(),
  items_complete: z.number().int().describe("Items the stopping rule has finished (with a fixed overlap: at least `overlap` judgments)."),
  judgments: z.number().int(),
  wanted: z.number().int().describe("items × overlap."),
});
export type ProjectProgress = z.infer<typeof projectProgressJson>;

/** A project in a list: everything but the guidelines text, plus progress. */
export const projectSummaryJson = projectJson.omit({ guidelines: true }).extend({ progress: projectProgressJson });
export type ProjectSummary = z.infer<typeof projectSummaryJson>;

export const projectListJson = z.object({
  projects: z.array(projectSummaryJson),
  next_cursor: z.string().nullable().describe("Pass as `?cursor=` for the next page; null on the last page."),
});

/** Where the judgments went under the stopping rule (docs/formats.md, "Adaptive overlap"). */
export const adaptiveStatsJson = z.object({
  overlap_min: z.number().int().describe("k in force (the fixed overlap when the project sets none)."),
  overlap_max: z.number().int().describe("K in force."),
  stop_share: z.number(),
  stop_on: z.enum(["share", "bound"]),
  items_finished: z.number().int().describe("Items the rule has finished (any reason)."),
  finished_by: z
    .object({ max: z.number().int(), unanimous: z.number().int(), share: z.number().int(), bound: z.number().int() })
    .describe("Finished items by reason: max = reached K; the others finished early."),
  items_finished_early: z.number().int().describe("unanimous + share + bound."),
  items_open_disagreeing: z.number().int().describe("Open items with at least k judgments: they disagree, so they wait for more (up to K)."),
  judgments_spent: z.number().int(),
  fixed_max_cost: z.number().int().describe("items × K: what a fixed overlap of K would cost."),
  finished_spent: z.number().int().describe("Judgments on finished items."),
  finished_fixed_cost: z.number().int().describe("Finished items × K."),
  wanted: z.number().int().describe("Judgments the rule still wants at least: finished items as they are (capped at K), open items up to their current target."),
});
export type AdaptiveStats = z.infer<typeof adaptiveStatsJson>;

export const projectStatsJson = projectProgressJson.extend({
  annotators: z.number().int().describe("Distinct users who judged at least one item."),
  members: z.number().int(),
  skips: z.number().int(),
  active_leases: z.number().int().describe("Items held by an annotator right now (unexpired leases)."),
  tie_rate: z.number().nullable().describe("Share of judgments that are ties; null before the first judgment."),
  last_judgment_at: timestamp.nullable(),
  adaptive: adaptiveStatsJson,
});
export type ProjectStats = z.infer<typeof projectStatsJson>;

export const memberJson = z.object({
  user_id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(["lead", "annotator"]),
  judgments: z.number().int().describe("Judgments this member made in the project."),
  last_judgment_at: timestamp.nullable(),
  joined_at: timestamp,
});
export type MemberJson = z.infer<typeof memberJson>;

export const memberListJson = z.object({
  members: z.array(memberJson),
  next_cursor: z.string().nullable().describe("Pass back as ?cursor= for the next page; null on the last."),
  counts_as_of: timestamp.nullable().describe("When `judgments` and `last_judgment_at` were counted (kept in the background; null while first counted)."),
});

export const removedMemberJson = z.object({
  removed: z.string().describe("The user id."),
  released_leases: z.number().int().describe("Open leases of theirs that went back to the pool."),
});
