import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { choiceOf } from "@/lib/scale/preference-scale";
import { consensusOf } from "@/lib/export/consensus";
import { hhLine } from "@/lib/export/format-hh";
import { trlLine } from "@/lib/export/format-trl";
import { passesItemFilters } from "@/lib/export/item-filters";
import { hhTextsOf } from "@/lib/import/datasets";
import type { ExportFilters, ExportItem, ExportJudgment, Prompt } from "@/lib/export/types";

/**
 * The export's reference options (docs/formats.md, "Reference judgments"):
 * - `consensus=source` (trl, hh): chosen/rejected follow the source's label,
 *   not the annotators; every item with a reference is written, judged or
 *   not (the filters on judgments apply when given). An item imported from
 *   hh gives back its original `chosen`/`rejected` byte for byte.
 * - `include_reference` (raw): each exported item's reference as one more
 *   line, annotator `source:<source>`.
 * - `source_agreement=agree|disagree` (any format): only the items whose
 *   consensus (the sign of the sum of the real judgments) picks the source's
 *   choice, or does not. Items without a reference or without judgments are
 *   left out.
 */

export type SourceAgreementFilter = "agree" | "disagree";
export type ReferenceFilters = { consensus?: "majority" | "reliability" | "source"; includeReference?: boolean; sourceAgreement?: SourceAgreementFilter };
type Reference = { source: string; preference: number; createdAt: Date };

/** consensus=source is for trl and hh, include_reference for raw: anything else is a 400 before a stream starts. */
export function assertReferenceOptions(format: string, filters: ReferenceFilters): void {
  if (format === "raw" && filters.consensus === "source") throw new AppError("bad_request", "consensus=source applies to trl and hh; for raw, use include_reference=1");
  if (format !== "raw" && filters.includeReference) throw new AppError("bad_request", "include_reference applies to raw; for trl and hh, use consensus=source");
}

/** Whether the export needs the references at all. */
export function usesReferences(filters: ReferenceFilters): boolean {
  return filters.consensus === "source" || filters.includeReference === true || filters.sourceAgreement !== undefined;
}

/** Whether an item with these real preferences and this reference passes `source_agreement`. */
export function passesSourceAgreement(preferences: readonly number[], reference: { preference: number } | undefined, mode: SourceAgreementFilter | undefined): boolean {
  if (mode === undefined) return true;
  if (!reference) return false;
  const consensus = consensusOf(preferences);
  if (!consensus) return false;
  const agrees = consensus.choice === choiceOf(reference.preference);
  return mode === "agree" ? agrees : !agrees;
}

/**
 * The references of a batch's items, by external id (the first source by name).
 *
 * @internal caller has checked access
 */
export async function referencesByExternalId(projectId: string, externalIds: readonly string[]): Promise<Map<string, Reference>> {
  const out = new Map<string, Reference>();
  if (externalIds.length === 0) return out;
  const rows = await db.$queryRawUnsafe<{ externalId: string; source: string; preference: number; createdAt: Date }[]>(
    `SELECT i."externalId", r."source", r."preference", r."createdAt"
     FROM "ReferenceJudgment" r JOIN "Item" i ON i."id" = r."itemId"
     WHERE r."projectId" = $1 AND i."projectId" = $1 AND i."externalId" = ANY($2::text[])
     ORDER BY i."externalId", r."source"`,
    projectId,
    [...externalIds],
  );
  for (const row of rows) if (!out.has(row.externalId)) out.set(row.externalId, row);
  return out;
}

/** A reference as a raw-export judgment (annotator `source:<source>`): no rationale, no time, guidelines version 0. */
export function referenceAsJudgment(reference: Reference, item: { externalId: string }): ExportJudgment {
  return {
    id: `ref-${item.externalId}`,
    itemId: item.externalId,
    userId: `source:${reference.source}`,
    preference: reference.preference,
    flags: [],
    rationale: "",
    attributes: {},
    guidelinesVersion: 0,
    shownSwapped: null,
    durationMs: null,
    createdAt: reference.createdAt,
  };
}

type SourceRow = {
  id: string;
  externalId: string;
  prompt: unknown;
  responseA: string;
  responseB: string;
  modelA: string | null;
  modelB: string | null;
  metadata: unknown;
  source: string;
  preference: number;
  judgments: string;
};

const SOURCE_BATCH = 500;

/**
 * trl or hh lines with `consensus=source`, in item-id order, keyset-paged.
 *
 * @internal caller has checked access
 */
export async function* sourceConsensusLines(options: {
  projectId: string;
  format: "trl" | "hh";
  filters: ExportFilters & ReferenceFilters;
  form?: "text" | "chat";
  signal?: AbortSignal;
  batchSize?: number;
}): AsyncGenerator<string, void, undefined> {
  const { filters } = options;
  const params: unknown[] = [options.projectId, "", options.batchSize ?? SOURCE_BATCH];
  const where = [`j."itemId" = i."id"`];
  if (filters.from) {
    params.push(filters.from.toISOString());
    where.push(`j."createdAt" >= ($${params.length}::timestamptz AT TIME ZONE 'UTC')`);
  }
  if (filters.to) {
    params.push(filters.to.toISOString());
    where.push(`j."createdAt" < ($${params.length}::timestamptz AT TIME ZONE 'UTC')`);
  }
  const sql = `SELECT i."id", i."externalId", i."prompt", i."responseA", i."responseB", i."modelA", i."modelB", i."metadata", r."source", r."preference",
      (SELECT coalesce(json_agg(json_build_array(j."preference", 'both_bad' = ANY(j."flags")) ORDER BY j."id"), '[]')::text FROM "Judgment" j WHERE ${where.join(" AND ")}) AS "judgments"
    FROM "Item" i CROSS JOIN LATERAL (
      SELECT r."source", r."preference" FROM "ReferenceJudgment" r WHERE r."itemId" = i."id" ORDER BY r."source" LIMIT 1
    ) r
    WHERE i."projectId" = $1 AND i."id" > $2${filters.excludeGold ? ` AND i."goldPreference" IS NULL` : ""}
    ORDER BY i."id" LIMIT $3`;
  const judged = filters.minJudgments !== undefined || filters.minAgreement !== undefined || filters.bothBad === "drop";
  for (;;) {
    options.signal?.throwIfAborted();
    const rows = await db.$queryRawUnsafe<SourceRow[]>(sql, ...params);
    for (const row of rows) {
      const tuples = JSON.parse(row.judgments) as [number, boolean][];
      const preferences = tuples.map((t) => t[0]);
      if (judged && !passesItemFilters(preferences, filters, tuples.filter((t) => t[1]).length)) continue;
      if (!passesSourceAgreement(preferences, row, filters.sourceAgreement)) continue;
      const line = sourceLine(row, options.format, filters, options.form);
      if (line === null) continue;
      options.signal?.throwIfAborted();
      yield line;
    }
    if (rows.length < (params[2] as number)) return;
    params[1] = rows[rows.length - 1]!.id;
  }
}

function sourceLine(row: SourceRow, format: "trl" | "hh", filters: ExportFilters, form?: "text" | "chat"): string | null {
  const item: ExportItem = {
    id: row.id,
    externalId: row.externalId,
    prompt: row.prompt as Prompt,
    responseA: row.responseA,
    responseB: row.responseB,
    modelA: row.modelA,
    modelB: row.modelB,
    metadata: row.metadata ?? {},
  };
  const label = [{ preference: row.preference, flags: [] as string[] }];
  if (format === "trl") {
    const line = trlLine(item, label, { ties: filters.ties, form });
    return line ? JSON.stringify(line) + "\n" : null;
  }
  if (row.preference === 0) return null;
  // An item imported from hh: its transcripts exactly as they were in the file.
  const texts = hhTextsOf(item);
  if (texts) {
    const [chosen, rejected] = row.preference < 0 ? [texts.a, texts.b] : [texts.b, texts.a];
    return JSON.stringify({ chosen, rejected }) + "\n";
  }
  const line = hhLine(item, label);
  return line ? JSON.stringify(line) + "\n" : null;
}
