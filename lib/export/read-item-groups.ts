import { db } from "@/lib/db";
import type { EncodedItem } from "./format-raw";
import type { ExportFilters, ExportItem, ExportJudgment, ItemGroup, Prompt } from "./types";

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
};

export type EncodedGroup = { item: EncodedItem; judgments: ExportJudgment[] };
/** The judgment fields the data card and line counts need (no long texts). */
export type JudgmentSummary = Pick<ExportJudgment, "userId" | "preference" | "flags" | "guidelinesVersion" | "shownSwapped" | "durationMs" | "createdAt">;
export type SummaryGroup = { itemId: string; externalId: string; judgments: JudgmentSummary[] };

const SUMMARY = `j."id", j."userId", j."preference", j."guidelinesVersion", j."shownSwapped", j."durationMs", j."createdAt"`;
const FULL = `${SUMMARY}, j."flags", j."rationale", j."attributes"`;

type Mode = "text" | "encoded" | "summary" | "preferences" | "votes";
const ITEM_COLUMNS: Record<Mode, string> = {
  text: `, i."prompt", i."responseA", i."responseB", i."modelA", i."modelB", i."metadata"`,
  // PostgreSQL's JSON string escaping is byte-identical to JSON.stringify's
  // for any text it can store (tested), so the long texts arrive ready to
  // paste into raw lines and Node never re-escapes them. A chat prompt is
  // sent as JSON to be re-serialized, since jsonb prints it with spaces.
  encoded: `, CASE WHEN jsonb_typeof(i."prompt") = 'string' THEN i."prompt"::text END AS "promptJson",
    CASE WHEN jsonb_typeof(i."prompt") = 'string' THEN NULL ELSE i."prompt" END AS "prompt",
    to_json(i."responseA")::text AS "responseA", to_json(i."responseB")::text AS "responseB",
    coalesce(to_json(i."modelA")::text, 'null') AS "modelA", coalesce(to_json(i."modelB")::text, 'null') AS "modelB", i."metadata"`,
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
function batchSql(mode: Mode, filters: ExportFilters): { sql: string; extra: unknown[] } {
  // $1 project, $2 cursor, $3 limit, $4 min judgments, $5 last item id of the batch (or NULL), then the date bounds.
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
  const sql = `SELECT i."id", i."externalId"${ITEM_COLUMNS[mode]}, agg."judgments"
    FROM "Item" i CROSS JOIN LATERAL (
      SELECT count(*) AS "n", json_agg(${JUDGMENT_JSON[mode]} ORDER BY j."id")::text AS "judgments"
        FROM "Judgment" j WHERE ${judgmentWhere.join(" AND ")}
    ) agg
    WHERE i."projectId" = $1 AND i."id" > $2 AND ($5::text IS NULL OR i."id" <= $5::text)${filters.excludeGold ? ` AND i."goldPreference" IS NULL` : ""}
      AND agg."n" >= $4
    ORDER BY i."id" LIMIT $3`;
  return { sql, extra };
}

type Row = Record<string, unknown> & { id: string; externalId: string; judgments: string };
type Batch = { rows: Row[]; next: string | null };

/**
 * The next `limit` items' sizes, as a running sum in id order: where a batch
 * of at most `bytes` of text ends. Lengths of text columns are read from the
 * stored value's header, without loading it; metadata counts as stored.
 */
const WINDOW_SQL = `SELECT "id", (sum("size") OVER (ORDER BY "id"))::float8 AS "running" FROM (
    SELECT i."id", greatest(octet_length(i."promptText"), pg_column_size(i."prompt")) + octet_length(i."responseA") + octet_length(i."responseB")
                   + coalesce(pg_column_size(i."metadata"), 0) AS "size"
    FROM "Item" i WHERE i."projectId" = $1 AND i."id" > $2 ORDER BY i."id" LIMIT $3
  ) s ORDER BY "id"`;

/**
 * Batches of rows in item-id order. The next batch is requested before the
 * current one is handed out, so the database works while the caller formats.
 * Walks that carry item texts are bounded by bytes as well as by count.
 */
async function* readBatches(mode: Mode, opts: ReadGroupsOptions): AsyncGenerator<Row[]> {
  const limit = opts.batchSize ?? DEFAULT_BATCH_ITEMS;
  const bytes = mode === "text" || mode === "encoded" ? (opts.batchBytes ?? DEFAULT_BATCH_BYTES) : null;
  const { sql, extra } = batchSql(mode, opts.filters);
  const [minJudgments, ...dates] = extra;
  const query = (cursor: string, upTo: string | null) =>
    db.$queryRawUnsafe<Row[]>(sql, opts.projectId, cursor, limit, minJudgments, upTo, ...dates);
  const fetch = async (cursor: string): Promise<Batch> => {
    if (bytes === null) {
      const rows = await query(cursor, null);
      const last = rows[rows.length - 1];
      return { rows, next: last && rows.length === limit ? last.id : null };
    }
    const window = await db.$queryRawUnsafe<{ id: string; running: number }[]>(WINDOW_SQL, opts.projectId, cursor, limit);
    if (window.length === 0) return { rows: [], next: null };
    let end = 0;
    while (end + 1 < window.length && window[end + 1]!.running <= bytes) end++;
    const upTo = window[end]!.id;
    const more = end + 1 < window.length || window.length === limit;
    return { rows: await query(cursor, upTo), next: more ? upTo : null };
  };
  opts.signal?.throwIfAborted();
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
 *
 * @internal caller has checked access
 */
export async function* readItemGroups(opts: ReadGroupsOptions): AsyncGenerator<ItemGroup[]> {
  for await (const rows of readBatches("text", opts)) {
    yield rows.map((row) => {
      const item: ExportItem = {
        id: row.id,
        externalId: row.externalId,
        prompt: row.prompt as Prompt,
        responseA: row.responseA as string,
        responseB: row.responseB as string,
        modelA: (row.modelA as string | null) ?? null,
        modelB: (row.modelB as string | null) ?? null,
        metadata: row.metadata ?? {},
      };
      return { item, judgments: judgmentsOf(row) };
    });
  }
}

/**
 * The same walk with the item's fields as JSON text: what raw lines are made of.
 *
 * @internal caller has checked access
 */
export async function* readEncodedGroups(opts: ReadGroupsOptions): AsyncGenerator<EncodedGroup[]> {
  for await (const rows of readBatches("encoded", opts)) {
    yield rows.map((row) => ({
      item: {
        externalId: row.externalId,
        prompt: (row.promptJson as string | null) ?? JSON.stringify(row.prompt),
        responseA: row.responseA as string,
        responseB: row.responseB as string,
        modelA: row.modelA as string,
        modelB: row.modelB as string,
        metadata: JSON.stringify(row.metadata ?? {}),
      },
      judgments: judgmentsOf(row),
    }));
  }
}

/**
 * The walk without texts or rationales: for line counts, agreement and the data card.
 *
 * @internal caller has checked access
 */
export async function* readSummaryGroups(opts: ReadGroupsOptions): AsyncGenerator<SummaryGroup[]> {
  for await (const rows of readBatches("summary", opts)) {
    yield rows.map((row) => ({ itemId: row.id, externalId: row.externalId, judgments: judgmentsOf(row) }));
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
    yield rows.map((row) => {
      const tuples = JSON.parse(row.judgments) as [number, boolean][];
      return { itemId: row.id, preferences: tuples.map((t) => t[0]), bothBad: tuples.filter((t) => t[1]).length };
    });
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
    yield rows.map((row) => ({ itemId: row.id, votes: JSON.parse(row.judgments) as [string, number][] }));
  }
}
