import { createHash } from "node:crypto";
import { z } from "zod";
import { NOT_STORABLE, isStorableJson, isStorableText, kindOf } from "./storable";
import { MAX_RANKED_RESPONSES, MIN_RANKED_RESPONSES, rankingShape } from "@/lib/ranking-items/ranking";

export { isStorableText, kindOf } from "./storable";

/**
 * One imported item (docs/formats.md, "Import: items"), shared by the importer, the
 * admin preview, the REST route and the CLI. Unknown keys are ignored; JSON
 * `null` in an optional field means "absent" (pandas and most exporters write
 * nulls). Messages name what is wrong so a report reads `line 7: response_b:
 * must be a non-empty string`.
 *
 * Server-side only in practice: `stableItemId` uses node:crypto.
 */

const storable = NOT_STORABLE;

/**
 * The longest prompt turn or response an item may hold: about 25 pages, more
 * than an annotator can read and compare (issue 8: megabyte responses stalled
 * the markdown renderer). A chat prompt may hold a few such turns in all.
 */
export const ITEM_TEXT_MAX_CHARS = 100_000;
export const CHAT_PROMPT_MAX_CHARS = 3 * ITEM_TEXT_MAX_CHARS;
const tooLong = (max: number) => `must be at most ${max.toLocaleString("en-US")} characters (longer than an annotator can read)`;

function requiredText() {
  return z
    .string({
      error: (issue) =>
        issue.input === undefined ? "is required (a non-empty string)" : `must be a non-empty string (got ${kindOf(issue.input)})`,
    })
    .regex(/\S/, "must be a non-empty string")
    .max(ITEM_TEXT_MAX_CHARS, tooLong(ITEM_TEXT_MAX_CHARS))
    .refine(isStorableText, storable);
}

function optionalText(max: number) {
  return z
    .string({ error: (issue) => `must be a string (got ${kindOf(issue.input)})` })
    .max(max, `must be at most ${max} characters`)
    .refine(isStorableText, storable)
    .nullish()
    .transform((value) => value ?? undefined);
}

export const chatRoles = ["system", "user", "assistant"] as const;

export const chatMessage = z.object(
  {
    role: z.enum(chatRoles, { error: "role must be system, user or assistant" }),
    content: z
      .string({ error: "content must be a string" })
      .max(ITEM_TEXT_MAX_CHARS, `content ${tooLong(ITEM_TEXT_MAX_CHARS)}`)
      .refine(isStorableText, `content ${storable}`),
  },
  { error: "must be an object {role, content}" },
);
export type ChatMessage = z.infer<typeof chatMessage>;

const chatPrompt = z
  .array(chatMessage)
  .min(1, "must not be an empty list")
  // An empty list already has its own message.
  .refine((messages) => messages.length === 0 || messages[messages.length - 1]?.role === "user", "the last message must be the user's")
  .refine(
    (messages) => messages.reduce((sum, message) => sum + message.content.length, 0) <= CHAT_PROMPT_MAX_CHARS,
    `all messages together ${tooLong(CHAT_PROMPT_MAX_CHARS)}`,
  );

/**
 * A union hides its members' messages behind "Invalid input"; pick the member
 * the input was evidently meant for, so a chat list with a bad role says so.
 */
export const itemPrompt = z.union([requiredText(), chatPrompt], {
  error: (issue) => {
    if (issue.input === undefined) return "is required (a string or a list of chat messages)";
    if (!Array.isArray(issue.input)) return `must be a non-empty string or a list of chat messages (got ${kindOf(issue.input)})`;
    const chatIssues = issue.errors[1] ?? [];
    return chatIssues
      .map((inner) => (typeof inner.path[0] === "number" ? `message ${inner.path[0] + 1}: ` : "") + inner.message)
      .join("; ");
  },
});
export type ItemPrompt = z.infer<typeof itemPrompt>;

/** One response of a ranking item. */
export const rankedResponse = z.object(
  { text: requiredText(), model: optionalText(200) },
  { error: (issue) => `must be an object {"text", "model"?} (got ${kindOf(issue.input)})` },
);
export type RankedResponse = z.infer<typeof rankedResponse>;

const rankedResponses = z
  .array(rankedResponse, { error: (issue) => `must be a list of {"text", "model"?} (got ${kindOf(issue.input)})` })
  .min(MIN_RANKED_RESPONSES, `must hold ${MIN_RANKED_RESPONSES}–${MAX_RANKED_RESPONSES} responses`)
  .max(MAX_RANKED_RESPONSES, `must hold ${MIN_RANKED_RESPONSES}–${MAX_RANKED_RESPONSES} responses`);

const itemImportFields = z.object({
  id: z
    .union([z.string(), z.number().int().nonnegative()], { error: "must be a string" })
    .transform(String)
    .pipe(z.string().min(1, "must not be empty").max(200, "must be at most 200 characters").refine(isStorableText, storable))
    .nullish()
    .transform((value) => value ?? undefined),
  prompt: itemPrompt,
  // A pair item has response_a/response_b; a ranking item has responses instead (checked below).
  response_a: requiredText().optional(),
  response_b: requiredText().optional(),
  responses: rankedResponses.nullish().transform((value) => value ?? undefined),
  /** A gold ranking item's reference ranking (tiers best first, item indices); checked against K in checkImportRow. */
  gold_ranking: rankingShape.nullish().transform((value) => value ?? undefined),
  model_a: optionalText(200),
  model_b: optionalText(200),
  metadata: z
    .record(z.string(), z.unknown(), { error: "must be a JSON object" })
    .refine((value) => isStorableJson(value), `${storable}, or is nested more than 64 levels deep`)
    .nullish()
    .transform((value) => value ?? undefined),
  gold_preference: z
    .number({ error: (issue) => `must be an integer (got ${kindOf(issue.input)})` })
    .int("must be an integer")
    .nullish()
    .transform((value) => value ?? undefined),
  /** Shown to the annotator after the gold item in training mode (plain text). */
  gold_explanation: optionalText(5000),
  /** Tolerance: the answer must also have at least this strength (1..scale); absent accepts any answer in the gold direction. */
  gold_min_strength: z
    .number({ error: (issue) => `must be an integer (got ${kindOf(issue.input)})` })
    .int("must be an integer")
    .min(1, "must be at least 1")
    .nullish()
    .transform((value) => value ?? undefined),
});

/**
 * Exactly one of the two forms: a pair (response_a, response_b) or a ranking
 * item (responses, 3..9). A ranking row comes out with empty response_a and
 * response_b, as it is stored (Item.responses marks the kind).
 */
export const itemImportRow = itemImportFields
  .superRefine(
    (row, context) => {
      const pairFields = (["response_a", "response_b", "model_a", "model_b"] as const).filter((key) => row[key] != null);
      if (row.responses != null) {
        if (pairFields.length > 0) {
          context.addIssue({ code: "custom", path: ["responses"], message: `give either responses (a ranking item) or response_a/response_b (a pair), not both (this line also has ${pairFields.join(", ")})` });
        }
        return;
      }
      for (const key of ["response_a", "response_b"] as const) {
        if (row[key] === undefined) context.addIssue({ code: "custom", path: [key], message: "is required (a non-empty string)" });
      }
      if (row.gold_ranking != null) context.addIssue({ code: "custom", path: ["gold_ranking"], message: "only for a ranking item (one with responses)" });
    },
    // Also when another field is bad, so a line lists every problem as before (a missing prompt and response_b).
    { when: () => true },
  )
  .transform(({ response_a, response_b, ...row }) => ({ ...row, response_a: response_a ?? "", response_b: response_b ?? "" }));
export type ItemImportRow = z.output<typeof itemImportRow>;

/** The plain text of a prompt, for search: chat lists become `role: content` lines. */
export function promptToText(prompt: ItemPrompt): string {
  if (typeof prompt === "string") return prompt;
  return prompt.map((message) => `${message.role}: ${message.content}`).join("\n");
}

/**
 * The external id of an item imported without one: a hash of what makes the
 * comparison (prompt and both responses, not model names or metadata), so a
 * re-import of the same file finds the same ids and duplicates nothing.
 */
export function stableItemId(row: Pick<ItemImportRow, "prompt" | "response_a" | "response_b"> & { responses?: RankedResponse[] }): string {
  // Rebuilt explicitly so key order in the source file cannot change the hash.
  const prompt = typeof row.prompt === "string" ? row.prompt : row.prompt.map((m) => [m.role, m.content]);
  // A ranking item: its response texts in order (a pair's hash is unchanged).
  const texts = row.responses ? [row.responses.map((response) => response.text)] : [row.response_a, row.response_b];
  const digest = createHash("sha256").update(JSON.stringify([prompt, ...texts])).digest("hex");
  return `h-${digest.slice(0, 16)}`;
}
