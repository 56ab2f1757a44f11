/**
 * The item import's file formats, for the server (lib/import, the REST route,
 * the CLI) and the browser (the import form) alike. Browser-safe on purpose:
 * no zod, no node: modules, nothing server-only (test/client-imports.test.ts).
 */
export const importFormats = ["jsonl", "json", "csv", "hh", "trl", "ratings"] as const;
export type ImportFormat = (typeof importFormats)[number];

/**
 * What each format is sent as. The REST API refuses a cookie-authenticated
 * body without a JSON, NDJSON or CSV type (CSRF), so the form must send these.
 */
export const IMPORT_CONTENT_TYPES = {
  jsonl: "application/x-ndjson",
  json: "application/json",
  csv: "text/csv",
  // Preference datasets (docs/formats.md, "Import: preference datasets"): JSONL, one record a line.
  hh: "application/x-ndjson",
  trl: "application/x-ndjson",
  ratings: "application/x-ndjson",
} as const satisfies Record<ImportFormat, string>;

/** How the import form names each format. */
export const IMPORT_FORMAT_LABELS = {
  jsonl: "JSONL",
  json: "JSON array",
  csv: "CSV",
  hh: "HH-RLHF",
  trl: "TRL preference",
  ratings: "Rated completions",
} as const satisfies Record<ImportFormat, string>;

/** The preference-dataset formats: JSONL whose own label is kept as a reference judgment (docs/formats.md). */
export const DATASET_FORMAT_HINTS: Partial<Record<ImportFormat, string>> = {
  hh: 'Anthropic HH-RLHF JSONL: {"chosen", "rejected"} transcripts. The shared conversation becomes the prompt.',
  trl: 'TRL JSONL: {"prompt", "chosen", "rejected"}, as text or as message lists.',
  ratings: 'JSONL: {"prompt", "completions": [{"text", "model", "score"}]}, expanded to pairs.',
};

/** The file picker's `accept`: the extensions below and the types browsers know. */
export const IMPORT_ACCEPT = ".jsonl,.ndjson,.json,.csv,application/json,text/csv";

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

/** The format a file name's extension says (.jsonl/.ndjson, .json, .csv), case-insensitive. */
export function formatOfFileName(filename: string): ImportFormat | undefined {
  const extension = filename.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  return extension ? byExtension[extension] : undefined;
}

/** The format a Content-Type says, parameters (`; charset=…`) ignored. */
export function formatOfContentType(contentType: string): ImportFormat | undefined {
  const type = contentType.split(";")[0]?.trim().toLowerCase();
  return type ? byContentType[type] : undefined;
}

/**
 * The format of an upload: the file name's extension first (browsers send
 * `application/octet-stream` or nothing for .jsonl), then the content type.
 * `undefined` when neither says; the caller asks the user.
 */
export function detectFormat(filename?: string, contentType?: string): ImportFormat | undefined {
  return (filename ? formatOfFileName(filename) : undefined) ?? (contentType ? formatOfContentType(contentType) : undefined);
}
