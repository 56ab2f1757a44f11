import "server-only";
import { ZodError } from "zod";
import { AppError, describeZodIssues, isAppError } from "@/lib/errors";
import { NOT_STORABLE, isStorableText } from "@/lib/validations/storable";
import type { ErrorCodeJson, ErrorResponseJson } from "@/lib/validations/error-response";

/** The REST error body: `{"error": {"code", "message"}}` (lib/validations/error-response.ts). */
export function errorResponse(status: number, code: ErrorCodeJson, message: string, details?: unknown): Response {
  return Response.json({ error: { code, message, ...(details === undefined ? {} : { details }) } } satisfies ErrorResponseJson, { status });
}

/**
 * Errors that mean "the database cannot serve us right now", as they really
 * reach us (seen with PostgreSQL stopped and its backends terminated, see
 * bench/faults/restart-postgres.ts): Prisma's P1001/P1017 from model queries,
 * but from $queryRaw a P2010 whose message carries the same text ("Can't
 * reach database server") or the SQLSTATE (57P01 admin shutdown, 57P02 crash,
 * 57P03 starting up or shutting down, class 08 connection exceptions, 53300
 * too many connections); pool and transaction timeouts (P2024, P2028) under
 * overload. All become a 503 that says to retry.
 */
const DATABASE_DOWN =
  /ECONNREFUSED|ECONNRESET|EPIPE|connect ETIMEDOUT|Connection terminated|Can't reach database server|Server has closed the connection|DatabaseNotReachable|terminating connection|the database system is (starting up|shutting down|in recovery mode)|\b(57P0[123]|08000|08001|08003|08004|08006|53300|P1001|P1002|P1017|P2024|P2028)\b/i;

function isDatabaseDown(error: unknown): boolean {
  const text = `${(error as { code?: string })?.code ?? ""} ${(error as Error)?.message ?? ""}`;
  return DATABASE_DOWN.test(text);
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

/**
 * The body's bytes, refusing more than `maxBytes` as they arrive (a chunked
 * upload has no Content-Length to check up front, and must not be buffered
 * whole before it is refused).
 */
async function readBodyBytes(request: Request, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () => new AppError("payload_too_large", `The body is over ${maxBytes} bytes.`);
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * Where a parsed body holds text PostgreSQL cannot store (a NUL character, a
 * lone UTF-16 surrogate from a `\ud800` escape) or is nested absurdly deep,
 * as `field.path: problem`; null when all is storable. Text columns and jsonb
 * both refuse these, and the failed INSERT would otherwise be a 500.
 */
function findUnstorable(value: unknown, path: string[] = [], depth = 0): string | null {
  const at = () => (path.length ? `${path.join(".")}: ` : "");
  if (depth > 64) return `${at()}is nested more than 64 levels deep`;
  if (typeof value === "string") return isStorableText(value) ? null : `${at()}${NOT_STORABLE}`;
  if (Array.isArray(value)) {
    for (const [i, entry] of value.entries()) {
      const problem = findUnstorable(entry, [...path, String(i)], depth + 1);
      if (problem) return problem;
    }
  } else if (value !== null && typeof value === "object") {
    for (const [key, entry] of Object.entries(value)) {
      if (!isStorableText(key)) return `${at()}a key ${NOT_STORABLE}`;
      const problem = findUnstorable(entry, [...path, key], depth + 1);
      if (problem) return problem;
    }
  }
  return null;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Parses a JSON body with a zod schema. Over `maxBytes` is a 413; bytes that
 * are not UTF-8 and text that is not JSON are a 400 (never silently turned
 * into U+FFFD); a bad shape or unstorable text is a 422 naming the field.
 */
export async function readJson<T>(request: Request, schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false; error: ZodError } }, maxBytes = 1_000_000): Promise<T> {
  const bytes = await readBodyBytes(request, maxBytes);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new AppError("bad_request", "The body is not valid UTF-8 text; send JSON encoded as UTF-8.");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AppError("bad_request", `The body is not valid JSON: ${(error as Error).message}`);
  }
  const unstorable = findUnstorable(value);
  if (unstorable) throw new AppError("unprocessable", unstorable);
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError("unprocessable", describeZodIssues(parsed.error.issues));
  return parsed.data;
}
