import { AppError } from "@/lib/errors";
import { createRowIds, deleteImportRun } from "./item-store";
import { runImportPass, type ImportLineError, type ImportProgress, type PassTally } from "./import-pass";
import type { ImportFormat } from "@/lib/validations/import-format";
import { isSourceFactory, type ByteSource, type SourceFactory } from "./sources";
import { randomBytes } from "node:crypto";
import type { PairRule } from "./datasets";

export type { ImportLineError, ImportProgress } from "./import-pass";

export type ImportItemsOptions = {
  projectId: string;
  /** The project's scale S: gold preferences must lie in −S..S. */
  scale: number;
  /** "abort" needs a factory: the file is read twice (validate, then insert). */
  source: ByteSource | SourceFactory;
  format: ImportFormat;
  /** abort: any bad line imports nothing. skip: good lines are imported, bad ones reported. */
  onError: "abort" | "skip";
  onProgress?: (progress: ImportProgress) => void;
  /** Validate and count, write nothing: the report a real import would give. */
  dryRun?: boolean;
  maxLineBytes?: number;
  /** Rows per INSERT, at most (default 1000)… */
  batchSize?: number;
  /** …and characters of text per INSERT, at most (default 128 Ki); see DEFAULT_BATCH_CHARS. */
  batchChars?: number;
  /**
   * hh, trl, ratings: the reference's source name (default the format's), the
   * pair rule for ratings, whether equal scores may be a tie, and the seed of
   * the A/B assignment (default random per import; tests fix it).
   */
  dataset?: { source?: string; pairs?: PairRule; allowTie?: boolean; seed?: string };
};

/**
 * Why batches are bounded by size: every query's parameters pass through
 * Prisma as a few whole-batch strings (request JSON, query plan), and Prisma
 * keeps its last 100 debug messages — query plans included — in memory
 * (@prisma/debug argsHistory). Strings of ~128 KB stay out of V8's
 * large-object space and keep that retained history near 25 MB; 1 MB batches
 * held ~150 MB and let RSS grow by ~400 MB over a 100k import.
 */
export const DEFAULT_BATCH_CHARS = 128 * 1024;

export type ImportItemsReport = {
  /** Items inserted; in a dry run, the items that would be. */
  imported: number;
  /** Ids the project already held, left unchanged. */
  duplicates: number;
  /** The first 100 of them. */
  duplicateIds: string[];
  /** The first 1000 bad lines, in file order. */
  errors: ImportLineError[];
  totalErrors: number;
  /** Records read: JSONL lines, JSON elements or CSV records (blank lines and the CSV header not counted). */
  lines: number;
  /** Good new rows: what "skip" imports (differs from `imported` only when "abort" met errors). */
  valid: number;
  dryRun: boolean;
};

/**
 * Imports items into a project (docs/formats.md, "Import: items").
 *
 * All-or-nothing ("abort") is two streamed passes over a re-opened source —
 * validate everything, then insert in batches — rather than one long
 * transaction: PGlite has a single connection, so a transaction spanning a
 * 100k-line import would stall every annotator for its whole length, and on
 * PostgreSQL it would hold a pooled connection and the new index entries as
 * long. Memory stays flat either way. If the second pass meets an error the
 * first did not (the file changed in between) or the database fails, the rows
 * it inserted are deleted again and the import fails with nothing imported.
 *
 * @internal caller has checked access
 */
export async function importItems(options: ImportItemsOptions): Promise<ImportItemsReport> {
  const base = {
    projectId: options.projectId,
    scale: options.scale,
    source: options.source,
    format: options.format,
    maxLineBytes: options.maxLineBytes,
    batchSize: options.batchSize ?? 1000,
    batchChars: options.batchChars ?? DEFAULT_BATCH_CHARS,
    onProgress: options.onProgress,
    // One seed for both passes, so the check and the write assign the same sides.
    dataset: { ...options.dataset, seed: options.dataset?.seed ?? randomBytes(8).toString("hex") },
  };
  if (!Number.isInteger(options.scale) || options.scale < 1) throw new AppError("bad_request", "the project's scale must be a positive integer");

  if (options.dryRun) {
    const check = await runImportPass({ ...base, mode: "check" });
    return toReport(check, options.onError === "skip" || check.totalErrors === 0 ? check.fresh : 0, true);
  }
  if (options.onError === "skip") return toReport(await runImportPass({ ...base, mode: "write", rowIds: createRowIds() }), undefined, false);

  if (!isSourceFactory(options.source)) {
    throw new AppError("bad_request", "an all-or-nothing import reads the file twice: pass a function that re-opens the source");
  }
  const check = await runImportPass({ ...base, mode: "check" });
  if (check.totalErrors > 0) return toReport(check, 0, false);

  const rowIds = createRowIds();
  let write: PassTally;
  try {
    write = await runImportPass({ ...base, mode: "write", rowIds, stopAtFirstError: true });
  } catch (error) {
    await deleteImportRun(options.projectId, rowIds);
    throw error;
  }
  if (write.totalErrors > 0) {
    await deleteImportRun(options.projectId, rowIds);
    throw new AppError("conflict", "the file changed while it was being imported; nothing was imported, please try again", {
      errors: write.errors.slice(0, 10),
    });
  }
  return toReport(write, undefined, false);
}

function toReport(tally: PassTally, imported: number | undefined, dryRun: boolean): ImportItemsReport {
  return {
    imported: imported ?? tally.fresh,
    duplicates: tally.duplicates,
    duplicateIds: tally.duplicateIds,
    errors: tally.errors,
    totalErrors: tally.totalErrors,
    lines: tally.lines,
    valid: tally.fresh,
    dryRun,
  };
}
