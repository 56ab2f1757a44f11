import type { ItemImportRow } from "@/lib/validations/item";
import { checkImportRow } from "./import-pass";
import { parseItems } from "./parse-items";
import type { ImportFormat } from "@/lib/validations/import-format";
import type { ByteSource, SourceFactory } from "./sources";
import type { DatasetOptions } from "./datasets";

export type PreviewEntry = { line: number; error: string } | { line: number; row: ItemImportRow; externalId: string };

/**
 * The first `limit` parsed rows or errors of a file, for the admin preview
 * before an import. Every line goes through the import's own rules
 * (parseItems, then checkImportRow with the project's scale), so a line the
 * import refuses is shown refused, with the same reason. Reading stops at
 * `limit`: the rest of the file is never read (leaving the loop cancels the stream).
 */
export async function previewItems(
  source: ByteSource | SourceFactory,
  options: { format: ImportFormat; scale: number; limit?: number; maxLineBytes?: number; dataset?: DatasetOptions },
): Promise<PreviewEntry[]> {
  const limit = options.limit ?? 5;
  const entries: PreviewEntry[] = [];
  if (limit <= 0) return entries;
  const rules = { scale: options.scale, firstLineOf: new Map<string, number>() };
  for await (const parsed of parseItems(source, { format: options.format, maxLineBytes: options.maxLineBytes, dataset: options.dataset })) {
    if ("error" in parsed) entries.push(parsed);
    else {
      // The id shown is the one the import will use, hash included.
      const checked = checkImportRow(parsed.line, parsed.row, rules);
      entries.push("error" in checked ? { line: parsed.line, error: checked.error } : { ...parsed, externalId: checked.id });
    }
    if (entries.length >= limit) break;
  }
  return entries;
}
