import { stableItemId, type ItemImportRow } from "@/lib/validations/item";
import { parseItems } from "./parse-items";
import type { ImportFormat } from "@/lib/validations/import-format";
import type { ByteSource, SourceFactory } from "./sources";
import type { DatasetOptions } from "./datasets";

export type PreviewEntry = { line: number; error: string } | { line: number; row: ItemImportRow; externalId: string };

/**
 * The first `limit` parsed rows or errors of a file, for the admin preview
 * before an import. Reading stops there: the rest of the file is never read
 * (leaving the loop cancels the stream).
 */
export async function previewItems(
  source: ByteSource | SourceFactory,
  options: { format: ImportFormat; limit?: number; maxLineBytes?: number; dataset?: DatasetOptions },
): Promise<PreviewEntry[]> {
  const limit = options.limit ?? 5;
  const entries: PreviewEntry[] = [];
  if (limit <= 0) return entries;
  for await (const parsed of parseItems(source, { format: options.format, maxLineBytes: options.maxLineBytes, dataset: options.dataset })) {
    // The id shown is the one the import will use, hash included.
    entries.push("error" in parsed ? parsed : { ...parsed, externalId: parsed.row.id ?? stableItemId(parsed.row) });
    if (entries.length >= limit) break;
  }
  return entries;
}
