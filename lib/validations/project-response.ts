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
  overlap: z.number().int().describe("Judgments wanted per item."),
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
  created_at: timestamp,
  updated_at: timestamp,
});
export type ProjectJson = z.infer<typeof projectJson>;

export const projectProgressJson = z.object({
  items: z.number().int(),
  items_complete: z.number().int().describe("Items with at least `overlap` judgments."),
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

export const projectStatsJson = projectProgressJson.extend({
  annotators: z.number().int().describe("Distinct users who judged at least one item."),
  members: z.number().int(),
  skips: z.number().int(),
  active_leases: z.number().int().describe("Items held by an annotator right now (unexpired leases)."),
  tie_rate: z.number().nullable().describe("Share of judgments that are ties; null before the first judgment."),
  last_judgment_at: timestamp.nullable(),
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
