import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { promptToText, type ItemImportRow } from "@/lib/validations/item";

/**
 * The two queries of an import, in SQL because they are its hot path: Prisma's
 * createMany spent about 0.5 ms per row building its statement (50 s for 100k
 * items), where one INSERT … SELECT FROM unnest(arrays) per batch takes a few
 * milliseconds and binds 11 parameters whatever the batch size. Same SQL on
 * PGlite and PostgreSQL; the table is found through the connection's
 * search_path, like the assignment module's raw queries.
 */
export type PendingItem = { id: string; row: ItemImportRow };

/**
 * The batch's ids that the project does not hold yet.
 *
 * @internal caller has checked access
 */
export async function findNewIds(projectId: string, ids: string[]): Promise<Set<string>> {
  const existing = await db.$queryRawUnsafe<{ externalId: string }[]>(
    `SELECT "externalId" FROM "Item" WHERE "projectId" = $1 AND "externalId" = ANY($2::text[])`,
    projectId,
    ids,
  );
  const taken = new Set(existing.map((item) => item.externalId));
  return new Set(ids.filter((id) => !taken.has(id)));
}

/**
 * Inserts the batch and returns the external ids actually inserted. ON
 * CONFLICT DO NOTHING leaves items already in the project untouched (a
 * re-import updates nothing), also against a concurrent import of the same
 * ids; RETURNING says which rows were ours, so duplicates are counted exactly.
 *
 * @internal caller has checked access
 */
export async function insertNewItems(projectId: string, batch: PendingItem[], rowIds: RowIds): Promise<Set<string>> {
  const columns = {
    id: [] as string[],
    externalId: [] as string[],
    prompt: [] as string[],
    promptText: [] as string[],
    responseA: [] as string[],
    responseB: [] as string[],
    modelA: [] as (string | null)[],
    modelB: [] as (string | null)[],
    metadata: [] as string[],
    goldPreference: [] as (number | null)[],
    goldExplanation: [] as (string | null)[],
    goldMinStrength: [] as (number | null)[],
    responses: [] as (string | null)[],
    goldRanking: [] as (string | null)[],
  };
  for (const { id, row } of batch) {
    columns.id.push(rowIds.next());
    columns.externalId.push(id);
    columns.prompt.push(JSON.stringify(row.prompt));
    columns.promptText.push(promptToText(row.prompt));
    columns.responseA.push(row.response_a);
    columns.responseB.push(row.response_b);
    columns.modelA.push(row.model_a ?? null);
    columns.modelB.push(row.model_b ?? null);
    columns.metadata.push(JSON.stringify(row.metadata ?? {}));
    columns.goldPreference.push(row.gold_preference ?? null);
    columns.goldExplanation.push(row.gold_explanation ?? null);
    columns.goldMinStrength.push(row.gold_min_strength ?? null);
    columns.responses.push(row.responses ? JSON.stringify(row.responses.map(({ text, model }) => (model ? { text, model } : { text }))) : null);
    columns.goldRanking.push(row.gold_ranking ? JSON.stringify(row.gold_ranking) : null);
  }
  const inserted = await db.$queryRawUnsafe<{ externalId: string }[]>(
    `INSERT INTO "Item" ("id", "projectId", "externalId", "prompt", "promptText", "responseA", "responseB", "modelA", "modelB", "metadata", "goldPreference", "goldExplanation", "goldMinStrength", "responses", "goldRanking")
     SELECT t.id, $1, t.external_id, t.prompt::jsonb, t.prompt_text, t.response_a, t.response_b, t.model_a, t.model_b, t.metadata::jsonb, t.gold, t.gold_explanation, t.gold_min_strength, t.responses::jsonb, t.gold_ranking::jsonb
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::int[], $12::text[], $13::int[], $14::text[], $15::text[])
       AS t(id, external_id, prompt, prompt_text, response_a, response_b, model_a, model_b, metadata, gold, gold_explanation, gold_min_strength, responses, gold_ranking)
     ON CONFLICT ("projectId", "externalId") DO NOTHING
     RETURNING "externalId"`,
    projectId,
    columns.id,
    columns.externalId,
    columns.prompt,
    columns.promptText,
    columns.responseA,
    columns.responseB,
    columns.modelA,
    columns.modelB,
    columns.metadata,
    columns.goldPreference,
    columns.goldExplanation,
    columns.goldMinStrength,
    columns.responses,
    columns.goldRanking,
  );
  return new Set(inserted.map((item) => item.externalId));
}

/**
 * Row ids for one import run: `c` + start time (8) + run token (8) + sequence
 * (8), 25 characters like the cuids Prisma makes elsewhere and sorting by
 * insertion. The shared prefix names the run's rows, so a failed all-or-nothing
 * import can delete exactly what it inserted without remembering each id.
 */
export type RowIds = { prefix: string; next: () => string };

export function createRowIds(): RowIds {
  const time = Date.now().toString(36).padStart(8, "0").slice(-8);
  const token = BigInt(`0x${randomBytes(6).toString("hex")}`).toString(36).padStart(8, "0").slice(-8);
  const prefix = `c${time}${token}`;
  let sequence = 0;
  return { prefix, next: () => `${prefix}${(sequence++).toString(36).padStart(8, "0")}` };
}

/**
 * Undo for a failed all-or-nothing import: the rows of that run, and only those.
 *
 * @internal caller has checked access
 */
export async function deleteImportRun(projectId: string, rowIds: RowIds): Promise<number> {
  const { count } = await db.item.deleteMany({ where: { projectId, id: { startsWith: rowIds.prefix } } });
  return count;
}
