import { z } from "zod";
import { NOT_STORABLE, isStorableText } from "./storable";

/**
 * The rules every read route's query string shares (items, export, audit,
 * projects and users lists), in one place. A value the database cannot take
 * (a NUL character, a lone surrogate, a date outside PostgreSQL's and
 * JavaScript's common range) is a 400 naming the parameter, checked before
 * any query runs, so it is never a 500 and never a 200 whose stream breaks.
 * No Node imports: forms may use these too.
 */

/** The dates every layer can hold: PostgreSQL timestamps, JavaScript Dates and ISO strings with 4-digit years. */
export const EARLIEST_DATE = new Date("0001-01-01T00:00:00.000Z").getTime();
export const LATEST_DATE = new Date("9999-12-31T23:59:59.999Z").getTime();
const DATE_RANGE = "0001-01-01 to 9999-12-31";

export function isRepresentableDate(date: Date): boolean {
  const time = date.getTime();
  return Number.isFinite(time) && time >= EARLIEST_DATE && time <= LATEST_DATE;
}

/** Free text of a query (search, model…): trimmed or not, at most `max` characters, and storable text. */
export function queryText(max: number, options: { trim?: boolean } = {}) {
  const base = options.trim ? z.string().trim() : z.string();
  return base.max(max).refine(isStorableText, NOT_STORABLE);
}

/**
 * An opaque page cursor as this API hands them out (base64url). Its content
 * (a date and an id) is checked again when it is decoded (lib/pagination/cursor.ts).
 */
export function queryCursor(max = 500) {
  return z
    .string()
    .max(max)
    .regex(/^[A-Za-z0-9_-]*$/, "not a cursor this API gave out (pass next_cursor back unchanged)");
}

/** A date filter (`from`, `to`): a date string JavaScript parses, within the range every layer can hold. */
export const queryDate = z
  .string()
  .max(100)
  .refine(isStorableText, NOT_STORABLE)
  .refine((value) => !Number.isNaN(Date.parse(value)), "must be a date such as 2026-11-27 or 2026-11-27T10:00:00Z")
  .refine((value) => Number.isNaN(Date.parse(value)) || isRepresentableDate(new Date(value)), `must be a date from ${DATE_RANGE}`)
  .transform((value) => new Date(value));
