/** One row of the import preview, as app/admin/projects/[slug]/import/preview/route.ts answers it. */
export type ImportPreviewEntry =
  | { line: number; error: string }
  | { line: number; id: string; prompt: string; response_a: string; response_b: string; model_a: string | null; model_b: string | null; gold: number | null };

export type ImportPreviewResponse = { entries: ImportPreviewEntry[]; truncated: boolean };

/** The report of POST /api/v1/projects/{slug}/items (lib/validations/item-import.ts). */
export type ImportReport = {
  imported: number;
  duplicates: number;
  errors: { line: number; reason: string }[];
  total_errors: number;
  duplicate_ids: string[];
  lines: number;
  dry_run: boolean;
  error?: { code: string; message: string };
};
