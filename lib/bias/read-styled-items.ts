import { db } from "@/lib/db";
import { isoFromPgJson } from "@/lib/export/read-item-groups";
import { STYLE_FEATURES, styleFeatures, type StyleFeatures } from "./style-features";

/** Items per query: both responses of each cross the wire once per view. */
export const DEFAULT_STYLE_BATCH_ITEMS = 500;

export type StyledJudgment = { userId: string; preference: number; shownSwapped: boolean | null; createdAt: string };
export type StyledItem = {
  externalId: string;
  modelA: string | null;
  modelB: string | null;
  a: StyleFeatures;
  b: StyleFeatures;
  judgments: StyledJudgment[];
};

type Row = { id: string; externalId: string; responseA: string; responseB: string; modelA: string | null; modelB: string | null; judgments: string };

/**
 * The judged items of a project in id order (keyset walk, like the export's),
 * each with the style features of its two responses — counted here, once per
 * item, by styleFeatures — and its judgments (all of them, id order). The
 * texts are dropped as soon as they are counted, so memory holds one batch.
 * Pair items only: style bias compares response A with B, and a ranking item has neither.
 *
 * @internal caller has checked access
 */
export async function* readStyledItems({ projectId, batchSize = DEFAULT_STYLE_BATCH_ITEMS, signal }: { projectId: string; batchSize?: number; signal?: AbortSignal }): AsyncGenerator<StyledItem[]> {
  let cursor = "";
  for (;;) {
    signal?.throwIfAborted();
    const rows = await db.$queryRawUnsafe<Row[]>(
      `SELECT i."id", i."externalId", i."responseA", i."responseB", i."modelA", i."modelB", agg."judgments"
         FROM "Item" i CROSS JOIN LATERAL (
           SELECT count(*) AS "n", json_agg(json_build_array(j."userId", j."preference", j."shownSwapped", j."createdAt") ORDER BY j."id")::text AS "judgments"
             FROM "Judgment" j WHERE j."itemId" = i."id"
         ) agg
        WHERE i."projectId" = $1 AND i."id" > $2 AND agg."n" > 0 AND i."responses" IS NULL
        ORDER BY i."id" LIMIT $3`,
      projectId,
      cursor,
      batchSize,
    );
    if (rows.length === 0) return;
    yield rows.map((r) => ({
      externalId: r.externalId,
      modelA: r.modelA,
      modelB: r.modelB,
      a: styleFeatures(r.responseA),
      b: styleFeatures(r.responseB),
      judgments: (JSON.parse(r.judgments) as [string, number, boolean | null, string][]).map(([userId, preference, shownSwapped, createdAt]) => ({
        userId,
        preference,
        shownSwapped,
        createdAt: isoFromPgJson(createdAt),
      })),
    }));
    if (rows.length < batchSize) return;
    cursor = rows[rows.length - 1]!.id;
  }
}

/**
 * Style features of the named items (by external id), laid out as
 * computeBias wants them: per id, A's then B's features in STYLE_FEATURES
 * order; NaN for an id not found. Reads the responses in batches of
 * `batchSize` ids and keeps only the counts.
 *
 * @internal caller has checked access
 */
export async function readItemFeatures({ projectId, externalIds, batchSize = DEFAULT_STYLE_BATCH_ITEMS, signal }: { projectId: string; externalIds: readonly string[]; batchSize?: number; signal?: AbortSignal }): Promise<Float64Array> {
  const F = STYLE_FEATURES.length;
  const out = new Float64Array(externalIds.length * 2 * F).fill(NaN);
  const position = new Map(externalIds.map((id, i) => [id, i]));
  for (let from = 0; from < externalIds.length; from += batchSize) {
    signal?.throwIfAborted();
    const rows = await db.$queryRawUnsafe<{ externalId: string; responseA: string; responseB: string }[]>(
      `SELECT i."externalId", i."responseA", i."responseB" FROM "Item" i WHERE i."projectId" = $1 AND i."externalId" = ANY($2::text[])`,
      projectId,
      externalIds.slice(from, from + batchSize),
    );
    for (const r of rows) {
      const i = position.get(r.externalId)!;
      const a = styleFeatures(r.responseA);
      const b = styleFeatures(r.responseB);
      STYLE_FEATURES.forEach((f, q) => {
        out[i * 2 * F + q] = a[f];
        out[i * 2 * F + F + q] = b[f];
      });
    }
  }
  return out;
}
