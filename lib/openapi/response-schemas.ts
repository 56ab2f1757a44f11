import { z } from "zod";
import { chatMessage } from "@/lib/validations/item";

/**
 * Documentation schemas for the answers of the annotation routes (next,
 * judgments, skips), which predate the zod response schemas of
 * lib/validations/project-response.ts. Kept beside the document they feed.
 */
const timestamp = z.iso.datetime();

export const errorJson = z.object({
  error: z.object({
    code: z.enum(["bad_request", "unauthorized", "forbidden", "not_found", "conflict", "payload_too_large", "unprocessable", "rate_limited", "unavailable", "internal"]),
    message: z.string().describe("A sentence meant for people: what went wrong and what to do."),
    details: z.unknown().optional(),
  }),
});

const prompt = z.union([z.string(), z.array(chatMessage)]).describe("A string, or a chat transcript whose last message is the user's.");

const pairView = z.object({
  item_id: z.string(),
  swapped: z.boolean().describe("Whether response B is shown on the left."),
  prompt_turns: z.array(z.object({ role: z.enum(["system", "user", "assistant"]), html: z.string() })),
  left_html: z.string(),
  right_html: z.string(),
  lease_expires_at: timestamp.nullable(),
});

export const nextItemJson = z.object({
  item_id: z.string(),
  prompt,
  response_a: z.string(),
  response_b: z.string(),
  lease_expires_at: timestamp.describe("Submit before this, or the item may go to someone else (the judgment is still kept)."),
  view: pairView.optional().describe("With ?view=annotate: the pair rendered as the annotation screen shows it."),
});

export const storedJudgmentJson = z.object({
  judgment: z.object({
    item_id: z.string(),
    preference: z.number().int(),
    choice: z.enum(["A", "tie", "B"]),
    client_id: z.string(),
    created_at: timestamp,
  }),
});

export const updatedJudgmentJson = z.object({
  judgment: z.object({ item_id: z.string(), preference: z.number().int(), updated_at: timestamp }),
});

export const judgedPairJson = z.object({
  view: pairView,
  values: z.object({
    preference: z.number().int(),
    flags: z.array(z.string()),
    rationale: z.string(),
    attributes: z.record(z.string(), z.number().int()),
    client_id: z.string(),
  }),
});

export const skippedJson = z.object({ skipped: z.string().describe("The item id.") });

export const removedMemberJson = z.object({
  removed: z.string().describe("The user id."),
  released_leases: z.number().int().describe("Open leases of theirs that went back to the pool."),
});
