import "server-only";
import { ZodError } from "zod";
import { AppError, describeZodIssues, isAppError } from "@/lib/errors";

/** The REST error body: `{"error": {"code", "message"}}`. */
export function errorResponse(status: number, code: string, message: string, details?: unknown): Response {
  return Response.json({ error: { code, message, ...(details === undefined ? {} : { details }) } }, { status });
}

function isDatabaseDown(error: unknown): boolean {
  const text = `${(error as { code?: string })?.code ?? ""} ${(error as Error)?.message ?? ""}`;
  return /ECONNREFUSED|ECONNRESET|57P01|57P03|Connection terminated|connect ETIMEDOUT|DatabaseNotReachable|P1001|P1017/i.test(text);
}

/** Maps typed errors to HTTP once; anything unexpected is logged and becomes a 500 with no internals. */
export function toErrorResponse(error: unknown): Response {
  if (isAppError(error)) return errorResponse(error.status, error.code, error.message, error.details);
  if (error instanceof ZodError) return errorResponse(400, "bad_request", describeZodIssues(error.issues));
  if (isDatabaseDown(error)) {
    return errorResponse(503, "unavailable", "The database is unreachable right now. Try again in a few seconds.");
  }
  console.error(error);
  return errorResponse(500, "internal", "Something went wrong on the server. It has been logged.");
}

export function apiRoute<C>(handler: (request: Request, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    try {
      return await handler(request, context);
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}

/** Parses a JSON body with a zod schema; bad JSON is a 400, a bad shape a 422 naming the fields. */
export async function readJson<T>(request: Request, schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false; error: ZodError } }, maxBytes = 1_000_000): Promise<T> {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > maxBytes) throw new AppError("payload_too_large", `The body is over ${maxBytes} bytes.`);
  const text = await request.text();
  if (text.length > maxBytes) throw new AppError("payload_too_large", `The body is over ${maxBytes} bytes.`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AppError("bad_request", `The body is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError("unprocessable", describeZodIssues(parsed.error.issues));
  return parsed.data;
}
