import { INVALID_UTF8, decodeUtf8, parseJson } from "./item-value";
import { openSource, readChunks, stripBom, type ByteSource, type SourceFactory } from "./sources";
import { splitLines } from "./split-lines";
import { DEFAULT_MAX_UNIT_BYTES, type RawUnit } from "./unit-buffer";

/** One decoded JSON value with its 1-based file line, or why that unit is not one. */
export type JsonUnit = { line: number; value: unknown } | { line: number; error: string };

/**
 * Units (JSONL lines, JSON array elements) to JSON values: strict UTF-8,
 * blank units skipped, each failure reported on its own line. What every
 * JSON-based import shares before its own schema takes over.
 */
export async function* decodeJsonUnits(units: AsyncIterable<RawUnit>): AsyncGenerator<JsonUnit> {
  for await (const unit of units) {
    if ("error" in unit) {
      yield unit;
      continue;
    }
    const text = decodeUtf8(unit.bytes);
    if (text === undefined) {
      yield { line: unit.line, error: INVALID_UTF8 };
      continue;
    }
    if (text.trim() === "") continue;
    const parsed = parseJson(text);
    yield "error" in parsed ? { line: unit.line, error: parsed.error } : { line: unit.line, value: parsed.value };
  }
}

/** A JSONL file as JSON values, streamed: memory bounded by `maxLineBytes` (default 1 MiB) whatever the file size. */
export function readJsonLines(source: ByteSource | SourceFactory, options: { maxLineBytes?: number } = {}): AsyncGenerator<JsonUnit> {
  const chunks = stripBom(readChunks(openSource(source)));
  return decodeJsonUnits(splitLines(chunks, options.maxLineBytes ?? DEFAULT_MAX_UNIT_BYTES));
}
