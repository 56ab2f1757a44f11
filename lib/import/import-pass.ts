import { stableItemId, type ItemImportRow } from "@/lib/validations/item";
import { createRowIds, findNewIds, insertNewItems, type PendingItem, type RowIds } from "./item-store";
import { parseItems } from "./parse-items";
import { rankingProblem } from "@/lib/ranking-items/ranking";
import { insertReferenceJudgments } from "@/lib/reference/store";
import type { DatasetOptions, ReferenceDraft } from "./datasets";
import type { ImportFormat } from "@/lib/validations/import-format";
import { countBytes, openSource, readChunks, type ByteSource, type SourceFactory } from "./sources";

/**
 * One streamed pass over an import file. `check` validates and looks up which
 * ids the project already holds, writing nothing; `write` also inserts, batch
 * by batch. Memory holds one batch and a map of the ids seen (for in-file
 * duplicates), never the file's rows.
 */
export type ImportProgress = { lines: number; bytes: number; phase: "validate" | "import" };
export type ImportLineError = { line: number; reason: string };

export type PassOptions = {
  projectId: string;
  scale: number;
  source: ByteSource | SourceFactory;
  format: ImportFormat;
  mode: "check" | "write";
  maxLineBytes?: number;
  batchSize: number;
  /** Flush a batch once its text reaches this many characters, whatever its row count. */
  batchChars: number;
  onProgress?: (progress: ImportProgress) => void;
  /** write mode: the ids new rows get (their shared prefix marks this import run). */
  rowIds?: RowIds;
  /** Stop reading at the first bad line (its rows will be undone anyway). */
  stopAtFirstError?: boolean;
  /** hh, trl, ratings (lib/import/datasets): source name, A/B seed, pair rule. */
  dataset?: DatasetOptions;
};

export type PassTally = {
  lines: number;
  /** Rows that passed validation and are new to the project. */
  fresh: number;
  duplicates: number;
  duplicateIds: string[];
  errors: ImportLineError[];
  totalErrors: number;
};

export const MAX_REPORTED_ERRORS = 1000;

/** What the row rules need: the project's scale, and the ids met so far in this file with their lines. */
export type RowRules = { scale: number; firstLineOf: Map<string, number> };

/**
 * Every rule an import applies to a row beyond its schema (lib/validations/item):
 * a gold preference within the project's scale, and an id (given, or the hash
 * of the texts) not met earlier in the file. Returns the id the row is stored
 * under, recording it in `firstLineOf`, or why the line is refused. The import
 * (runImportPass) and the import page's preview (previewItems) both call this,
 * so the preview never shows as good a row the import refuses: add new
 * per-row rules here, not in either caller.
 */
export function checkImportRow(line: number, row: ItemImportRow, rules: RowRules): { id: string } | { error: string } {
  const { scale, firstLineOf } = rules;
  const rankingProblem = rankingRowProblem(row);
  if (rankingProblem) return { error: rankingProblem };
  if (row.gold_preference !== undefined && Math.abs(row.gold_preference) > scale) {
    return { error: `gold_preference: ${row.gold_preference} is outside the project's scale −${scale}..${scale}` };
  }
  const goldProblem = goldToleranceProblem(row, scale);
  if (goldProblem) return { error: goldProblem };
  const id = row.id ?? stableItemId(row);
  const first = firstLineOf.get(id);
  if (first !== undefined) {
    return { error: row.id === undefined ? `same prompt and responses as line ${first} (id "${id}")` : `duplicate id "${id}" (first on line ${first})` };
  }
  firstLineOf.set(id, line);
  return { id };
}
export const MAX_REPORTED_DUPLICATES = 100;

/** @internal caller has checked access */
export async function runImportPass(options: PassOptions): Promise<PassTally> {
  const { projectId, scale } = options;
  const rowIds = options.rowIds ?? createRowIds();
  const tally: PassTally = { lines: 0, fresh: 0, duplicates: 0, duplicateIds: [], errors: [], totalErrors: 0 };
  const firstLineOf = new Map<string, number>();
  let bytes = 0;
  let batch: (PendingItem & { reference?: ReferenceDraft | null })[] = [];
  let lastLine = 0;
  let batchChars = 0;
  const report = (line: number, reason: string) => {
    tally.totalErrors += 1;
    if (tally.errors.length < MAX_REPORTED_ERRORS) tally.errors.push({ line, reason });
  };
  const stop = () => options.stopAtFirstError === true && tally.totalErrors > 0;
  const progress = () =>
    options.onProgress?.({ lines: tally.lines, bytes, phase: options.mode === "check" ? "validate" : "import" });
  const flush = async () => {
    if (batch.length === 0) return;
    const fresh =
      options.mode === "write"
        ? await insertNewItems(projectId, batch, rowIds)
        : await findNewIds(projectId, batch.map((pending) => pending.id));
    tally.fresh += fresh.size;
    if (options.mode === "write") await insertReferenceJudgments(projectId, batch.filter((pending) => fresh.has(pending.id)));
    for (const { id } of batch) {
      if (fresh.has(id)) continue;
      tally.duplicates += 1;
      if (tally.duplicateIds.length < MAX_REPORTED_DUPLICATES) tally.duplicateIds.push(id);
    }
    batch = [];
    batchChars = 0;
    progress();
  };

  const chunks = countBytes(readChunks(openSource(options.source)), (total) => (bytes = total));
  for await (const parsed of parseItems(chunks, { format: options.format, maxLineBytes: options.maxLineBytes, dataset: options.dataset })) {
    // A ratings record gives several items from one line: count the line once.
    if (parsed.line !== lastLine) tally.lines += 1;
    lastLine = parsed.line;
    if ("error" in parsed) {
      report(parsed.line, parsed.error);
      if (stop()) return tally;
      continue;
    }
    const { line, row } = parsed;
    const checked = checkImportRow(line, row, { scale, firstLineOf });
    if ("error" in checked) {
      report(line, checked.error);
      if (stop()) return tally;
      continue;
    }
    const { id } = checked;
    batch.push({ id, row, reference: "reference" in parsed ? parsed.reference : undefined });
    batchChars += textSize(row);
    if (batch.length >= options.batchSize || batchChars >= options.batchChars) await flush();
  }
  await flush();
  return tally;
}

// Rough size of a row's text: batches are bounded by size, not only by count.
function textSize(row: PendingItem["row"]): number {
  const prompt = typeof row.prompt === "string" ? row.prompt.length : row.prompt.reduce((n, m) => n + m.content.length + 20, 0);
  const responses = row.responses?.reduce((n, response) => n + response.text.length + 20, 0) ?? 0;
  return prompt + row.response_a.length + row.response_b.length + responses + (row.metadata ? 200 : 0) + 100;
}

/** A ranking item (responses) takes a gold_ranking of its K responses, never a gold_preference. */
function rankingRowProblem(row: ItemImportRow): string | null {
  if (!row.responses) return null;
  if (row.gold_preference !== undefined) return "gold_preference: a ranking item's gold answer is a gold_ranking";
  if (row.gold_min_strength !== undefined) return "gold_min_strength: not for a ranking item (its gold tolerance is fixed: docs/formats.md)";
  if (row.gold_ranking === undefined) {
    return row.gold_explanation !== undefined ? "gold_explanation: only with a gold_ranking" : null;
  }
  const problem = rankingProblem(row.gold_ranking, row.responses.length);
  return problem ? `gold_ranking: ${problem}` : null;
}

/** gold_explanation and gold_min_strength only go with a gold_preference; the strength is 1..scale and meaningless for a tie. */
function goldToleranceProblem(row: { gold_preference?: number; gold_ranking?: number[][]; gold_explanation?: string; gold_min_strength?: number }, scale: number): string | null {
  if (row.gold_preference === undefined) {
    if (row.gold_ranking !== undefined) return null;
    if (row.gold_min_strength !== undefined) return "gold_min_strength: only with a gold_preference";
    if (row.gold_explanation !== undefined) return "gold_explanation: only with a gold_preference";
    return null;
  }
  if (row.gold_min_strength === undefined) return null;
  if (row.gold_preference === 0) return "gold_min_strength: a tie gold item has no strength; leave it out";
  if (row.gold_min_strength > scale) return `gold_min_strength: ${row.gold_min_strength} is more than the project's scale (${scale})`;
  if (row.gold_min_strength > Math.abs(row.gold_preference)) {
    return `gold_min_strength: ${row.gold_min_strength} is more than the gold answer's own strength (${Math.abs(row.gold_preference)})`;
  }
  return null;
}
