import { z } from "zod";

const count = (max: number, what: string) =>
  z.number({ error: `must be a whole number (${what})` }).int(`must be a whole number (${what})`).min(0, "must not be negative").max(max, `must be at most ${max.toLocaleString("en")}`);

/**
 * What the annotation screen measured while a pair was on screen
 * (docs/formats.md, "Integrity signals"), sent as a judgment's `metadata`.
 * Strict: an unknown key is an error naming it, so a client bug shows
 * instead of being dropped. REST clients may leave it out.
 */
export const integritySignalsInput = z.strictObject(
  {
    hidden_ms: count(86_400_000, "milliseconds the page was hidden").optional(),
    pastes: count(10_000, "paste events in the rationale").optional(),
    pasted_chars: count(1_000_000, "characters pasted into the rationale").optional(),
    choice_input: z.enum(["key", "pointer", "touch"], { error: 'must be "key", "pointer" or "touch"' }).optional(),
    choice_changes: count(10_000, "times the choice changed before submit").optional(),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? undefined : "must be an object of integrity signals") },
);
export type IntegritySignalsInput = z.infer<typeof integritySignalsInput>;
