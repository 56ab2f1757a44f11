import { describeZodIssues } from "@/lib/errors";
import { importJudgmentRow, type ImportJudgmentRow } from "@/lib/validations/judgment";
import { NOT_A_MEMBER, type AnnotatorDirectory } from "./judgment-annotators";
import { findItemIds, findJudgedPairs, insertJudgments, pairKey, type PendingJudgment } from "./judgment-store";
import { MAX_REPORTED_ERRORS, type ImportLineError } from "./import-pass";
import type { RowIds } from "./item-store";
import { readJsonLines } from "./json-units";
import type { SourceFactory } from "./sources";
import { kindOf } from "@/lib/validations/storable";

export type JudgmentPassOptions = {
  project: { id: string; scale: number; guidelinesVersion: number };
  source: SourceFactory;
  directory: AnnotatorDirectory;
  mode: "check" | "write";
  rowIds: RowIds;
  batchSize: number;
  maxLineBytes?: number;
  stopAtFirstError?: boolean;
  now: Date;
};

export type JudgmentPassTally = {
  lines: number;
  /** Good rows new to the project: inserted (write) or that would be (check). */
  fresh: number;
  duplicates: number;
  /** External annotators created (write) or that would be (check). */
  annotatorsCreated: number;
  errors: ImportLineError[];
  totalErrors: number;
};

type Pending = { line: number; row: ImportJudgmentRow };

/**
 * One streamed pass over a judgments file: parse and validate each line,
 * then per batch look up the items and annotators it names. `check` writes
 * nothing; `write` creates external annotators and inserts. Memory holds one
 * batch and the (item, annotator) keys seen, for in-file duplicates.
 */
export async function runJudgmentPass(options: JudgmentPassOptions): Promise<JudgmentPassTally> {
  const { project, directory, mode } = options;
  const tally: JudgmentPassTally = { lines: 0, fresh: 0, duplicates: 0, annotatorsCreated: 0, errors: [], totalErrors: 0 };
  const firstLineOf = new Map<string, number>();
  const wouldCreate = new Set<string>();
  let batch: Pending[] = [];
  const report = (line: number, reason: string) => {
    tally.totalErrors += 1;
    if (tally.errors.length < MAX_REPORTED_ERRORS) tally.errors.push({ line, reason });
  };
  const stop = () => options.stopAtFirstError === true && tally.totalErrors > 0;

  const flush = async () => {
    const itemIds = await findItemIds(project.id, [...new Set(batch.map((p) => p.row.item_id))]);
    const known = batch.filter((p) => {
      if (!itemIds.has(p.row.item_id)) {
        report(p.line, `item_id: no item "${p.row.item_id}" in this project (import the items first)`);
        return false;
      }
      if (directory.resolve(p.row.annotator) === undefined && !directory.mayCreate(p.row.annotator)) {
        report(p.line, NOT_A_MEMBER);
        return false;
      }
      return true;
    });
    const unknownNames = known.map((p) => p.row.annotator).filter((name) => directory.resolve(name) === undefined);
    if (mode === "write") {
      tally.annotatorsCreated += await directory.addExternal(unknownNames);
    } else {
      for (const name of unknownNames) {
        if (!wouldCreate.has(name)) tally.annotatorsCreated += 1;
        wouldCreate.add(name);
      }
    }
    const pending: PendingJudgment[] = [];
    for (const { row } of known) {
      const userId = directory.resolve(row.annotator);
      pending.push({
        itemId: itemIds.get(row.item_id)!,
        // In a check pass a new annotator has no id yet, and no judgment either.
        userId: userId ?? `new:${row.annotator}`,
        preference: row.preference,
        rationale: row.rationale,
        flags: row.flags,
        attributes: row.attributes,
        shownSwapped: row.shown_swapped,
        durationMs: row.duration_ms,
        guidelinesVersion: row.guidelines_version ?? project.guidelinesVersion,
        createdAt: row.created_at ?? options.now,
      });
    }
    let fresh: number;
    if (mode === "write") fresh = await insertJudgments(project.id, pending, options.rowIds);
    else {
      const judged = await findJudgedPairs(pending.filter((p) => !p.userId.startsWith("new:")));
      fresh = pending.filter((p) => !judged.has(pairKey(p.itemId, p.userId))).length;
    }
    tally.fresh += fresh;
    tally.duplicates += pending.length - fresh;
    batch = [];
  };

  for await (const unit of readJsonLines(options.source, { maxLineBytes: options.maxLineBytes })) {
    tally.lines += 1;
    const problem = "error" in unit ? unit.error : undefined;
    const parsed = problem === undefined ? validateLine("value" in unit ? unit.value : undefined, project.scale) : { error: problem };
    if ("error" in parsed) {
      report(unit.line, parsed.error);
      if (stop()) break;
      continue;
    }
    const key = pairKey(parsed.row.item_id, parsed.row.annotator);
    const first = firstLineOf.get(key);
    if (first !== undefined) {
      report(unit.line, `annotator "${parsed.row.annotator}" already judged item "${parsed.row.item_id}" on line ${first}`);
      if (stop()) break;
      continue;
    }
    firstLineOf.set(key, unit.line);
    batch.push({ line: unit.line, row: parsed.row });
    if (batch.length >= options.batchSize) {
      await flush();
      if (stop()) break;
    }
  }
  if (batch.length > 0 && !stop()) await flush();
  // Unknown items are found batch by batch, after later lines' parse errors.
  tally.errors.sort((a, b) => a.line - b.line);
  return tally;
}

function validateLine(value: unknown, scale: number): { row: ImportJudgmentRow } | { error: string } {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return { error: `not an object (got ${kindOf(value)})` };
  const result = importJudgmentRow.safeParse(value);
  if (!result.success) return { error: describeZodIssues(result.error.issues) };
  const row = result.data;
  if (row.scale != null && row.scale !== scale) {
    return { error: `scale: the file's scale is ${row.scale}, the project's is ${scale} (rescale the preferences first)` };
  }
  if (Math.abs(row.preference) > scale) return { error: `preference: ${row.preference} is outside the project's scale −${scale}..${scale}` };
  return { row };
}
