import type { ErrorResponseJson } from "@/lib/validations/error-response";

/**
 * Reading a REST error (`{"error": {"code", "message"}}`, lib/validations/
 * error-response.ts) in the browser. Browser-safe: no zod at runtime, so the
 * forms that use it do not bundle it (test/client-imports.test.ts).
 */

/** The message of an error body, or null when the body is not one (a report, HTML from a proxy, nothing). */
export function errorMessageOf(body: unknown): string | null {
  const message = (body as Partial<ErrorResponseJson> | null)?.error?.message;
  return typeof message === "string" && message ? message : null;
}

/**
 * The message a failed response carries, or `fallback` (by default "The
 * server answered N.") when its body is not a REST error. Reads the body.
 */
export async function readErrorMessage(response: Response, fallback = `The server answered ${response.status}.`): Promise<string> {
  const body: unknown = await response.json().catch(() => null);
  return errorMessageOf(body) ?? fallback;
}
