import type { DatasetOptions, DatasetResult } from "./common";
import { parseHhRecord } from "./hh";
import { parseRatingsRecord } from "./ratings";
import { parseTrlRecord } from "./trl";

export { pairRules, type PairRule, type DatasetOptions, type DatasetRow, type ReferenceDraft } from "./common";
export { hhTextsOf } from "./hh";

export const datasetFormats = ["hh", "trl", "ratings"] as const;
export type DatasetFormat = (typeof datasetFormats)[number];

export function isDatasetFormat(format: string): format is DatasetFormat {
  return (datasetFormats as readonly string[]).includes(format);
}

/** One decoded record of a dataset file as items with their reference judgments, or why it is refused. */
export function expandDatasetRecord(format: DatasetFormat, value: unknown, options: DatasetOptions): DatasetResult {
  if (format === "hh") return parseHhRecord(value, options);
  if (format === "trl") return parseTrlRecord(value, options);
  return parseRatingsRecord(value, options);
}
