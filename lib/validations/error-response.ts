import { z } from "zod";
import { errorStatus, type ErrorCode } from "@/lib/errors";

/**
 * What a failure looks like to a client: the REST error body and a server
 * action's result. One schema each; the OpenAPI document, the routes and the
 * client components take their types from here.
 */
const errorCodes = [...(Object.keys(errorStatus) as ErrorCode[]), "internal"] as const;
export const errorCode = z.enum(errorCodes as unknown as [ErrorCode | "internal", ...(ErrorCode | "internal")[]]);
export type ErrorCodeJson = z.infer<typeof errorCode>;

/** Every REST error: `{"error": {"code", "message"}}` (lib/http/api-route.ts writes it). */
export const errorResponseJson = z.object({
  error: z.object({
    code: errorCode,
    message: z.string().describe("A sentence meant for people: what went wrong and what to do."),
    details: z.unknown().optional(),
  }),
});
export type ErrorResponseJson = z.infer<typeof errorResponseJson>;

/** A server action that failed (lib/actions/safe-action.ts): the message is shown beside the form. */
export const actionFailure = z.object({
  ok: z.literal(false),
  error: z.string(),
  code: errorCode,
  /** Field name → message in words, for the fields a bad input names (lib/validations/field-errors.ts). */
  fields: z.record(z.string(), z.string()).optional(),
});

/** A safeAction's answer, for any data schema. */
export function actionResult<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion("ok", [z.object({ ok: z.literal(true), data }), actionFailure]);
}
export type ActionResult<T> = z.infer<ReturnType<typeof actionResult<z.ZodType<T>>>>;
export type ServerAction<I, T> = (input: I) => Promise<ActionResult<T>>;
