import "server-only";
import type { z } from "zod";
import { describeZodIssues, isAppError } from "@/lib/errors";
import { getSessionUserId } from "@/lib/auth/session";
import { loadActor, type Actor } from "@/lib/permissions";
import { assertSameOrigin } from "@/lib/http/same-origin";
import type { ActionResult } from "@/lib/validations/error-response";
import { fieldErrorsOf, summariseFieldErrors } from "@/lib/validations/field-errors";

/** A domain error about one field (details `{ field: "slug" }`, e.g. a slug taken) is shown beside that field. */
function fieldOf(error: { message: string; details?: unknown }): { fields?: Record<string, string> } {
  const details = error.details as { field?: unknown } | undefined;
  return typeof details?.field === "string" ? { fields: { [details.field]: error.message } } : {};
}

/**
 * The one wrapper for server actions: checks the request comes from our own
 * origin, loads the actor from the database (unless the action is public),
 * parses the input with its zod schema, and turns typed errors into a result
 * the form can show. Anyone can POST to an action, so every rule is checked here.
 */
export function safeAction<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.infer<S>, actor: Actor) => Promise<T>,
): (input: unknown) => Promise<ActionResult<T>>;
export function safeAction<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.infer<S>, actor: null) => Promise<T>,
  options: { public: true },
): (input: unknown) => Promise<ActionResult<T>>;
export function safeAction<S extends z.ZodType, T>(
  schema: S,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the overloads above give callers exact types
  handler: (input: z.infer<S>, actor: any) => Promise<T>,
  options?: { public: true },
) {
  return async (input: unknown): Promise<ActionResult<T>> => {
    try {
      await assertSameOrigin();
      const actor = options?.public ? null : await loadActor(await getSessionUserId());
      const parsed = schema.safeParse(input);
      if (!parsed.success) {
        // Each error by its field, in words (lib/validations/field-errors.ts); the form shows them beside the fields.
        const fields = fieldErrorsOf(schema, parsed.error.issues);
        return { ok: false, code: "unprocessable", error: summariseFieldErrors(fields) || describeZodIssues(parsed.error.issues), fields };
      }
      return { ok: true, data: await handler(parsed.data, actor as Actor) };
    } catch (error) {
      if (isAppError(error)) return { ok: false, code: error.code, error: error.message, ...fieldOf(error) };
      console.error(error);
      return { ok: false, code: "internal", error: "Something went wrong on the server. Try again." };
    }
  };
}
