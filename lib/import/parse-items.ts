import { parseCsvItems } from "./csv-items";
import { validateItemValue, type ParsedItem } from "./item-value";
import { decodeJsonUnits } from "./json-units";
import { openSource, readChunks, stripBom, type ByteSource, type SourceFactory } from "./sources";
import { splitCsvRecords } from "./split-csv";
import { splitJsonArray } from "./split-json-array";
import { splitLines } from "./split-lines";
import { DEFAULT_MAX_UNIT_BYTES } from "./unit-buffer";
import type { ImportFormat } from "@/lib/validations/import-format";
import { expandDatasetRecord, isDatasetFormat, type DatasetOptions } from "./datasets";
import { datasetUnits } from "./datasets/units";

export type { ParsedItem } from "./item-value";

export type ParseItemsOptions = {
  format: ImportFormat;
  /** Largest line (JSONL), element (JSON) or record (CSV) read; longer ones are reported and skipped. */
  maxLineBytes?: number;
  /** hh, trl, ratings: the reference's source name, the A/B seed, the pair rule (lib/import/datasets). */
  dataset?: DatasetOptions;
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
  if (isDatasetFormat(options.format)) {
    const dataset = options.dataset ?? { seed: "" };
    for await (const unit of decodeJsonUnits(datasetUnits(chunks, maxBytes))) {
      if ("error" in unit) {
        yield unit;
        continue;
      }
      const expanded = expandDatasetRecord(options.format, unit.value, dataset);
      if ("error" in expanded) yield { line: unit.line, error: expanded.error };
      else for (const { row, reference } of expanded.rows) yield { line: unit.line, row, reference };
    }
    return;
  }
  const units = options.format === "json" ? splitJsonArray(chunks, maxBytes) : splitLines(chunks, maxBytes);
  for await (const unit of decodeJsonUnits(units)) {
    yield "error" in unit ? unit : { line: unit.line, ...validateItemValue(unit.value) };
  }
}
