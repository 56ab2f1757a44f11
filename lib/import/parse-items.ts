import { parseCsvItems } from "./csv-items";
import { validateItemValue, type ParsedItem } from "./item-value";
import { decodeJsonUnits } from "./json-units";
import { openSource, readChunks, stripBom, type ByteSource, type SourceFactory } from "./sources";
import { splitCsvRecords } from "./split-csv";
import { splitJsonArray } from "./split-json-array";
import { splitLines } from "./split-lines";
import { DEFAULT_MAX_UNIT_BYTES } from "./unit-buffer";

export type { ParsedItem } from "./item-value";

export const importFormats = ["jsonl", "json", "csv"] as const;
export type ImportFormat = (typeof importFormats)[number];

export type ParseItemsOptions = {
  format: ImportFormat;
  /** Largest line (JSONL), element (JSON) or record (CSV) read; longer ones are reported and skipped. */
  maxLineBytes?: number;
};

/**
 * Streams items out of a file: one result per JSONL line, JSON array element
 * or CSV record, each with the 1-based file line it starts on. Memory stays
 * bounded by `maxLineBytes` whatever the file size. Blank lines are skipped.
 */
export async function* parseItems(source: ByteSource | SourceFactory, options: ParseItemsOptions): AsyncGenerator<ParsedItem> {
  const maxBytes = options.maxLineBytes ?? DEFAULT_MAX_UNIT_BYTES;
  const chunks = stripBom(readChunks(openSource(source)));
  if (options.format === "csv") {
    yield* parseCsvItems(splitCsvRecords(chunks, maxBytes));
    return;
  }
  const units = options.format === "json" ? splitJsonArray(chunks, maxBytes) : splitLines(chunks, maxBytes);
  for await (const unit of decodeJsonUnits(units)) {
    yield "error" in unit ? unit : { line: unit.line, ...validateItemValue(unit.value) };
  }
}

const byExtension: Record<string, ImportFormat> = { jsonl: "jsonl", ndjson: "jsonl", json: "json", csv: "csv" };
const byContentType: Record<string, ImportFormat> = {
  "application/jsonl": "jsonl",
  "application/x-jsonlines": "jsonl",
  "application/x-ndjson": "jsonl",
  "application/ndjson": "jsonl",
  "application/json": "json",
  "text/csv": "csv",
  "application/csv": "csv",
};

/**
 * The format of an upload: the file name's extension first (browsers send
 * `application/octet-stream` or nothing for .jsonl), then the content type.
 * `undefined` when neither says; the caller asks the user.
 */
export function detectFormat(filename?: string, contentType?: string): ImportFormat | undefined {
  const extension = filename?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  const fromName = extension ? byExtension[extension] : undefined;
  if (fromName) return fromName;
  const type = contentType?.split(";")[0]?.trim().toLowerCase();
  return type ? byContentType[type] : undefined;
}
