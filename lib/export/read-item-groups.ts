import { db } from "@/lib/db";
import type { EncodedItem } from "./format-raw";
import type { ExportFilters, ExportItem, ExportJudgment, ItemGroup, Prompt } from "./types";
import { expandUnits, unitId } from "@/lib/ranking-items/expand-units";
import { readRanking, type Ranking } from "@/lib/ranking-items/ranking";
import { rankedResponses } from "@/lib/ranking-items/ranked-responses";

/** Items per query. With the usual overlap of 3 that is ~3,000 judgments a batch. */
export const DEFAULT_BATCH_ITEMS = 1000;
/**
 * Item text per query (prompt, both responses, metadata): a batch of long
 * items stops here even before DEFAULT_BATCH_ITEMS, so the memory an export
 * holds (its batch and the one prefetched) does not grow with item size.
 */
export const DEFAULT_BATCH_BYTES = 4 * 1024 * 1024;

export type ReadGroupsOptions = {
  projectId: string;
  filters: ExportFilters;
  signal?: AbortSignal;
  batchSize?: number;
  /** Bytes of item text per batch (walks with texts only); at least one item is always read. */
  batchBytes?: number;
  /** A date-bounded walk's cap (default SLICE_MAX_JUDGMENTS); tests set 0 to compare with the walk over every item. */
  sliceMaxJudgments?: number;
};

export type EncodedGroup = { item: EncodedItem; judgments: ExportJudgment[] };
/** The judgment fields the data card and line counts need (no long texts). */
export type JudgmentSummary = Pick<ExportJudgment, "userId" | "preference" | "flags" | "guidelinesVersion" | "shownSwapped" | "durationMs" | "createdAt">;
/** `pair`: an implied pair of a ranking item (itemId then carries it too: "id#a-b"). */
export type SummaryGroup = { itemId: string; externalId: string; pair: [number, number] | null; judgments: JudgmentSummary[] };

const SUMMARY = `j."id", j."userId", j."preference", j."guidelinesVersion", j."shownSwapped", j."durationMs", j."createdAt"`;
const FULL = `${SUMMARY}, j."flags", j."rationale", j."attributes"`;

type Mode = "text" | "encoded" | "summary" | "preferences" | "votes";
const ITEM_COLUMNS: Record<Mode, string> = {
  text: `, i."prompt", i."responseA", i."responseB", i."modelA", i."modelB", i."metadata", i."responses"`,
  // PostgreSQL's JSON string escaping is byte-identical to JSON.stringify's
  // for any text it can store (tested), so the long texts arrive ready to
  // paste into raw lines and Node never re-escapes them. A chat prompt is
  // sent as JSON to be re-serialized, since jsonb prints it with spaces.
  encoded: `, CASE WHEN jsonb_typeof(i."prompt") = 'string' THEN i."prompt"::text END AS "promptJson",
    CASE WHEN jsonb_typeof(i."prompt") = 'string' THEN NULL ELSE i."prompt" END AS "prompt",
    to_json(i."responseA")::text AS "responseA", to_json(i."responseB")::text AS "responseB",
    coalesce(to_json(i."modelA")::text, 'null') AS "modelA", coalesce(to_json(i."modelB")::text, 'null') AS "modelB", i."metadata", i."responses"`,
  summary: "",
  preferences: "",
  votes: "",
};
const JUDGMENT_JSON: Record<Mode, string> = {
  text: `json_build_array(${FULL})`,
  // raw lines also carry the judgment's integrity signals and flags (index 10).
  encoded: `json_build_array(${FULL}, j."metadata")`,
  // flags at index 7, as in FULL, so judgmentsOf reads both alike.
  summary: `json_build_array(${SUMMARY}, j."flags")`,
  preferences: `json_build_array(j."preference", 'both_bad' = ANY(j."flags"))`,
  votes: `json_build_array(j."userId", j."preference")`,
};

/**
 * One query per batch: the next `limit` items after the cursor (keyset on
 * Item.id: no OFFSET, constant cost per batch), each with its judgments in
 * id order aggregated into one JSON text column. A batch's item texts cross
 * the wire once, not once per judgment, and the driver handles one row per
 * item. Items with no judgment in the date range, or fewer than
 * min_judgments, are skipped by the server.
 */
function batchSql(mode: Mode, filters: ExportFilters, slice: boolean): { sql: string; extra: unknown[] } {
  // $1 project, $2 cursor, $3 limit, $4 min judgments, $5 last item id of the batch (or NULL), then the date bounds,
  // then (a slice: sliceItemIds below) the batch's candidate item ids.
  const extra: unknown[] = [Math.max(1, filters.minJudgments ?? 1)];
  const judgmentWhere = [`j."itemId" = i."id"`];
  // ISO strings cast through timestamptz compare in UTC whatever the session's time zone.
  if (filters.from) {
    extra.push(filters.from.toISOString());
    judgmentWhere.push(`j."createdAt" >= ($${4 + extra.length}::timestamptz AT TIME ZONE 'UTC')`);
  }
  if (filters.to) {
    extra.push(filters.to.toISOString());
    judgmentWhere.push(`j."createdAt" < ($${4 + extra.length}::timestamptz AT TIME ZONE 'UTC')`);
  }
  const candidates = slice ? ` AND i."id" = ANY($${6 + extra.length - 1}::text[])` : "";
  // A ranking item's judgments also bring their rankings (same order) and the
  // project's scale: the walk expands them to implied pairs (expandRow below).
  const sql = `SELECT i."id", i."externalId"${ITEM_COLUMNS[mode]}, agg."judgments", agg."rankings",
      CASE WHEN i."responses" IS NOT NULL THEN (SELECT p."scale" FROM "Project" p WHERE p."id" = $1) END AS "scale"
    FROM "Item" i CROSS JOIN LATERAL (
      SELECT count(*) AS "n", json_agg(${JUDGMENT_JSON[mode]} ORDER BY j."id")::text AS "judgments",
             CASE WHEN i."responses" IS NOT NULL THEN json_agg(j."ranking" ORDER BY j."id")::text END AS "rankings"
        FROM "Judgment" j WHERE ${judgmentWhere.join(" AND ")}
    ) agg
    WHERE i."projectId" = $1 AND i."id" > $2 AND ($5::text IS NULL OR i."id" <= $5::text)${candidates}${filters.excludeGold ? ` AND i."goldPreference" IS NULL AND i."goldRanking" IS NULL` : ""}
      AND agg."n" >= $4
    ORDER BY i."id" LIMIT $3`;
  return { sql, extra };
}

type Row = Record<string, unknown> & { id: string; externalId: string; judgments: string; rankings: string | null; scale: number | null };

/**
 * A row's units: itself for a pair item; for a ranking item one per implied
 * pair, each judgment's preference replaced by its implied one (`setPreference`
 * writes it into whatever shape the mode's judgments have).
 */
function expandRow<T>(row: Row, judgments: T[], setPreference: (judgment: T, preference: number, ranking: Ranking) => T) {
  const rankings = row.rankings === null ? null : (JSON.parse(row.rankings) as unknown[]).map(readRanking);
  return expandUnits(judgments, rankings, row.scale ?? 1, (judgment, pair, ranking) => setPreference(judgment, pair.preference, ranking));
}

/** An implied pair's texts and models: responses a and b of the ranking item. */
function pairTexts(row: Row, pair: [number, number]) {
  const responses = rankedResponses(row.responses) ?? [];
  const [a, b] = [responses[pair[0]], responses[pair[1]]];
  return { responseA: a?.text ?? "", responseB: b?.text ?? "", modelA: a?.model ?? null, modelB: b?.model ?? null };
}

/** An expanded judgment: the implied preference, the ranking it came from, and no side order (a ranking has none). */
const asImplied = (j: ExportJudgment, preference: number, ranking: Ranking): ExportJudgment => ({ ...j, preference, ranking, shownSwapped: null });
type Batch = { rows: Row[]; next: string | null };

/**
 * The next `limit` items' sizes, as a running sum in id order: where a batch
 * of at most `bytes` of text ends. Lengths of text columns are read from the
 * stored value's header, without loading it; metadata counts as stored.
 */
const WINDOW_SQL = `SELECT "id", (sum("size") OVER (ORDER BY "id"))::float8 AS "running" FROM (
    SELECT i."id", greatest(octet_length(i."promptText"), pg_column_size(i."prompt")) + octet_length(i."responseA") + octet_length(i."responseB")
                   + coalesce(pg_column_size(i."metadata"), 0) AS "size"
    FROM "Item" i WHERE i."projectId" = $1 AND i."id" > $2 AND ($4::text[] IS NULL OR i."id" = ANY($4::text[])) ORDER BY i."id" LIMIT $3
  ) s ORDER BY "id"`;

/**
 * A date-bounded walk reads at most this many of the range's judgments to
 * find the items it touches; a range holding more walks the project's items
 * as an unbounded export does (it reads most of them anyway). The ids are
 * held in memory for the walk: at most this many strings.
 */
export const SLICE_MAX_JUDGMENTS = 100_000;

/**
 * The items (ids, in the walk's order) with a judgment in the date range, read
 * on the Judgment(createdAt) index: an hour of a 3M-judgment project touches
 * a thousand items, and walking the million to find them is what made a slice
 * cost as much as the whole export (bench/plans/export-slice-items.txt). Null
 * when there is no date bound or the range holds more than
 * SLICE_MAX_JUDGMENTS judgments of the project.
 *
 * @internal caller has checked access
 */
export async function sliceItemIds(projectId: string, filters: ExportFilters, max = SLICE_MAX_JUDGMENTS): Promise<string[] | null> {
  if ((!filters.from && !filters.to) || max <= 0) return null;
  const bounds: string[] = [];
  const params: unknown[] = [projectId, max + 1];
  if (filters.from) {
    params.push(filters.from.toISOString());
    bounds.push(`j."createdAt" >= ($${params.length}::timestamptz AT TIME ZONE 'UTC')`);
  }
  if (filters.to) {
    params.push(filters.to.toISOString());
    bounds.push(`j."createdAt" < ($${params.length}::timestamptz AT TIME ZONE 'UTC')`);
  }
  const [row] = await db.$queryRawUnsafe<{ n: number; ids: string[] | null }[]>(
    `WITH s AS MATERIALIZED (
       SELECT j."itemId" FROM "Judgment" j JOIN "Item" i ON i."id" = j."itemId"
        WHERE i."projectId" = $1 AND ${bounds.join(" AND ")}
        LIMIT $2
     )
     SELECT c."n"::int AS "n", CASE WHEN c."n" < $2 THEN ARRAY(SELECT DISTINCT "itemId" FROM s ORDER BY 1) END AS "ids"
       FROM (SELECT count(*) AS "n" FROM s) c`,
    ...params,
  );
  if (!row || row.n > max || row.ids === null) return null;
  return row.ids;
}

/**
 * Batches of rows in item-id order. The next batch is requested before the
 * current one is handed out, so the database works while the caller formats.
 * Walks that carry item texts are bounded by bytes as well as by count.
 */
async function* readBatches(mode: Mode, opts: ReadGroupsOptions): AsyncGenerator<Row[]> {
  const limit = opts.batchSize ?? DEFAULT_BATCH_ITEMS;
  const bytes = mode === "text" || mode === "encoded" ? (opts.batchBytes ?? DEFAULT_BATCH_BYTES) : null;
  opts.signal?.throwIfAborted();
  // A date-bounded walk visits only the items its range touches, in the same order (sliceItemIds).
  const slice = await sliceItemIds(opts.projectId, opts.filters, opts.sliceMaxJudgments);
  const position = slice ? new Map(slice.map((id, index) => [id, index])) : null;
  // The candidate ids of the batch after `cursor` (at most `limit`), or undefined for a walk over every item.
  const candidatesAfter = (cursor: string): string[] | undefined => {
    if (!slice || !position) return undefined;
    const start = cursor === "" ? 0 : position.get(cursor)! + 1;
    return slice.slice(start, start + limit);
  };
  const { sql, extra } = batchSql(mode, opts.filters, slice !== null);
  const [minJudgments, ...dates] = extra;
  const query = (cursor: string, upTo: string | null, candidates: string[] | undefined) =>
    db.$queryRawUnsafe<Row[]>(sql, opts.projectId, cursor, limit, minJudgments, upTo, ...dates, ...(candidates ? [candidates] : []));
  const fetch = async (cursor: string): Promise<Batch> => {
    const candidates = candidatesAfter(cursor);
    if (candidates?.length === 0) return { rows: [], next: null };
    // A slice's batch ends at its last candidate: the next one starts after it whether or not it had rows.
    const lastCandidate = candidates?.[candidates.length - 1] ?? null;
    const moreCandidates = candidates !== undefined && position!.get(lastCandidate!)! + 1 < slice!.length;
    if (bytes === null) {
      const rows = await query(cursor, null, candidates);
      if (candidates) return { rows, next: moreCandidates ? lastCandidate : null };
      const last = rows[rows.length - 1];
      return { rows, next: last && rows.length === limit ? last.id : null };
    }
    const window = await db.$queryRawUnsafe<{ id: string; running: number }[]>(WINDOW_SQL, opts.projectId, cursor, limit, candidates ?? null);
    if (window.length === 0) return { rows: [], next: candidates && moreCandidates ? lastCandidate : null };
    let end = 0;
    while (end + 1 < window.length && window[end + 1]!.running <= bytes) end++;
    const upTo = window[end]!.id;
    const more = candidates ? end + 1 < window.length || moreCandidates : end + 1 < window.length || window.length === limit;
    return { rows: await query(cursor, upTo, candidates), next: more ? upTo : null };
  };
  // An async function's promise starts at once: the query runs while the caller formats (the point of prefetching).
  let pending: Promise<Batch> | undefined = fetch("");
  try {
    while (pending) {
      const { rows, next }: Batch = await pending;
      pending = undefined;
      opts.signal?.throwIfAborted();
      if (next !== null) pending = fetch(next);
      if (rows.length > 0) yield rows;
    }
  } finally {
    // A consumer that stops early leaves at most one query in flight; its
    // result (or error) is dropped rather than left unhandled.
    void pending?.catch(() => undefined);
  }
}

/**
 * PostgreSQL writes a timestamp in JSON as "2026-01-20T08:30:00.25" (UTC by
 * Prisma's convention, trailing zeros of the fraction dropped). Padding it to
 * Date#toISOString's form is string work, cheaper than a Date per judgment
 * here or to_char per judgment on the server.
 */
export function isoFromPgJson(value: string): string {
  if (value.length === 19) return value + ".000Z";
  return (value.slice(0, 23) + "00").slice(0, 23) + "Z";
}

type JudgmentTuple = [string, string, number, number, boolean | null, number | null, string, (string[] | null)?, string?, unknown?, unknown?];

function judgmentsOf(row: Row): ExportJudgment[] {
  return (JSON.parse(row.judgments) as JudgmentTuple[]).map((t) => ({
    id: t[0],
    itemId: row.id,
    userId: t[1],
    preference: t[2],
    guidelinesVersion: t[3],
    shownSwapped: t[4],
    durationMs: t[5],
    createdAt: isoFromPgJson(t[6]),
    flags: t[7] ?? [],
    rationale: t[8] ?? "",
    attributes: t[9] ?? {},
    ...(t.length > 10 ? { integrity: t[10] ?? {} } : {}),
  }));
}

/**
 * Items in id order with their texts and judgments (id order): what trl and hh lines are made of.
 * A ranking item comes as its implied pairs (lib/ranking-items/expand-units.ts), each a unit of its own.
 *
 * @internal caller has checked access
 */
export async function* readItemGroups(opts: ReadGroupsOptions): AsyncGenerator<ItemGroup[]> {
  for await (const rows of readBatches("text", opts)) {
    yield rows.flatMap((row) =>
      expandRow(row, judgmentsOf(row), asImplied).map(({ pair, judgments }) => {
        const item: ExportItem = {
          id: unitId(row.id, pair),
          externalId: row.externalId,
          prompt: row.prompt as Prompt,
          responseA: row.responseA as string,
          responseB: row.responseB as string,
          modelA: (row.modelA as string | null) ?? null,
          modelB: (row.modelB as string | null) ?? null,
          metadata: row.metadata ?? {},
          ...(pair ? { pair, ...pairTexts(row, pair) } : {}),
        };
        return { item, judgments };
      }),
    );
  }
}

/**
 * The same walk with the item's fields as JSON text: what raw lines are made of.
 *
 * @internal caller has checked access
 */
export async function* readEncodedGroups(opts: ReadGroupsOptions): AsyncGenerator<EncodedGroup[]> {
  for await (const rows of readBatches("encoded", opts)) {
    yield rows.flatMap((row) => {
      const prompt = (row.promptJson as string | null) ?? JSON.stringify(row.prompt);
      const metadata = JSON.stringify(row.metadata ?? {});
      return expandRow(row, judgmentsOf(row), asImplied).map(({ pair, judgments }) => {
        if (!pair) {
          const item = { externalId: row.externalId, prompt, responseA: row.responseA as string, responseB: row.responseB as string, modelA: row.modelA as string, modelB: row.modelB as string, metadata };
          return { item, judgments };
        }
        const texts = pairTexts(row, pair);
        const item = {
          externalId: row.externalId,
          pair,
          prompt,
          responseA: JSON.stringify(texts.responseA),
          responseB: JSON.stringify(texts.responseB),
          modelA: JSON.stringify(texts.modelA),
          modelB: JSON.stringify(texts.modelB),
          metadata,
        };
        return { item, judgments };
      });
    });
  }
}

/**
 * The walk without texts or rationales: for line counts, agreement and the data card.
 *
 * @internal caller has checked access
 */
export async function* readSummaryGroups(opts: ReadGroupsOptions): AsyncGenerator<SummaryGroup[]> {
  for await (const rows of readBatches("summary", opts)) {
    yield rows.flatMap((row) =>
      expandRow(row, judgmentsOf(row), asImplied).map(({ pair, judgments }) => ({ itemId: unitId(row.id, pair), externalId: row.externalId, pair, judgments })),
    );
  }
}

/**
 * The lightest walk: each item's preferences and how many of its judgments
 * flag both responses bad, for counting lines before a download.
 *
 * @internal caller has checked access
 */
export async function* readPreferenceGroups(opts: ReadGroupsOptions): AsyncGenerator<{ itemId: string; preferences: number[]; bothBad: number }[]> {
  for await (const rows of readBatches("preferences", opts)) {
    yield rows.flatMap((row) =>
      expandRow(row, JSON.parse(row.judgments) as [number, boolean][], (t, preference): [number, boolean] => [preference, t[1]]).map(({ pair, judgments }) => ({
        itemId: unitId(row.id, pair),
        preferences: judgments.map((t) => t[0]),
        bothBad: judgments.filter((t) => t[1]).length,
      })),
    );
  }
}

/**
 * Each item's (annotator user id, preference) pairs and nothing else: what
 * the reliability model is fitted on before a `consensus=reliability` export.
 *
 * @internal caller has checked access
 */
export async function* readVoteGroups(opts: ReadGroupsOptions): AsyncGenerator<{ itemId: string; votes: [string, number][] }[]> {
  for await (const rows of readBatches("votes", opts)) {
    yield rows.flatMap((row) =>
      expandRow(row, JSON.parse(row.judgments) as [string, number][], (t, preference): [string, number] => [t[0], preference]).map(({ pair, judgments }) => ({
        itemId: unitId(row.id, pair),
        votes: judgments,
      })),
    );
  }
}
