import { AppError } from "@/lib/errors";
import { isRepresentableDate } from "@/lib/validations/query-params";
import { isStorableText } from "@/lib/validations/storable";

/**
 * Keyset pagination on (createdAt, id): a cursor names the last row of a page.
 * It is opaque to clients (base64url of JSON) so its shape may change; a
 * cursor that does not decode is a 400, never a silently restarted list.
 */
export type Cursor = { at: Date; id: string };

export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString("base64url");
}

export function decodeCursor(cursor: string | undefined | null): Cursor | undefined {
  if (!cursor) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === "string" && typeof value[1] === "string") {
      // A forged cursor must not reach the database with a date or an id it cannot take (a 500 otherwise).
      const at = new Date(value[0]);
      if (isRepresentableDate(at) && isStorableText(value[1])) return { at, id: value[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError("bad_request", "cursor: not a cursor this API gave out (pass next_cursor back unchanged)");
}

/** A page limit: default when absent, a 400 outside 1..max. */
export function pageLimit(limit: number | undefined, options: { fallback: number; max: number }): number {
  if (limit === undefined) return options.fallback;
  if (!Number.isInteger(limit) || limit < 1 || limit > options.max) {
    throw new AppError("bad_request", `limit: must be a whole number from 1 to ${options.max}`);
  }
  return limit;
}

/**
 * A keyset cursor over more columns than (createdAt, id), for lists ordered
 * otherwise (members: role, then join time, then id). The same opaque
 * base64url of a JSON array; the reader says how many parts it expects.
 */
export function encodeKeyset(parts: readonly string[]): string {
  return Buffer.from(JSON.stringify(parts)).toString("base64url");
}

export function decodeKeyset(cursor: string | undefined | null, arity: number): string[] | undefined {
  if (!cursor) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === arity && value.every((part) => typeof part === "string" && isStorableText(part))) return value as string[];
  } catch {
    // fall through to the error below
  }
  throw new AppError("bad_request", "cursor: not a cursor this API gave out (pass next_cursor back unchanged)");
}
