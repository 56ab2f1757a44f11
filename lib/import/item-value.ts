import { describeZodIssues } from "@/lib/errors";
import { itemImportRow, kindOf, type ItemImportRow } from "@/lib/validations/item";
import type { ReferenceDraft } from "./datasets/common";

/**
 * One parsed item with its 1-based file line, or why that line was refused.
 * A dataset record (hh, trl, ratings) may give several items on one line,
 * each with the source's label as `reference`.
 */
export type ParsedItem = { line: number; row: ItemImportRow; reference?: ReferenceDraft | null } | { line: number; error: string };

// fatal: a broken byte sequence is an error, never a silent U+FFFD in the data.
const decoder = new TextDecoder("utf-8", { fatal: true });

export const INVALID_UTF8 = "not valid UTF-8 text (save the file as UTF-8)";

export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

export function parseJson(text: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return { error: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** A decoded value checked against the item schema. */
export function validateItemValue(value: unknown): { row: ItemImportRow } | { error: string } {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { error: `not an object (got ${kindOf(value)})` };
  }
  const result = itemImportRow.safeParse(value);
  if (!result.success) return { error: describeZodIssues(result.error.issues) };
  return { row: result.data };
}
