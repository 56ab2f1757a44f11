import pg from "pg";
const ISO = `to_char(j."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const J = `j."id", j."userId", j."preference", j."guidelinesVersion", j."shownSwapped", j."durationMs", ${ISO}, j."flags", j."rationale", j."attributes"`;
const ENC = `, CASE WHEN jsonb_typeof(i."prompt") = 'string' THEN i."prompt"::text END AS "promptJson", CASE WHEN jsonb_typeof(i."prompt") = 'string' THEN NULL ELSE i."prompt" END AS "prompt", to_json(i."responseA")::text AS "responseA", to_json(i."responseB")::text AS "responseB", coalesce(to_json(i."modelA")::text, 'null') AS "modelA", coalesce(to_json(i."modelB")::text, 'null') AS "modelB", i."metadata"`;
const LAT = `SELECT i."id", i."externalId"${ENC}, agg."judgments" FROM "Item" i CROSS JOIN LATERAL (SELECT count(*) AS "n", json_agg(json_build_array(${J}) ORDER BY j."id")::text AS "judgments" FROM "Judgment" j WHERE j."itemId" = i."id") agg WHERE i."projectId" = $1 AND i."id" > $2 AND agg."n" >= 1 ORDER BY i."id" LIMIT $3`;
const ITEMS_EXISTS = `SELECT i."id", i."externalId"${ENC} FROM "Item" i WHERE i."projectId" = $1 AND i."id" > $2 AND EXISTS (SELECT 1 FROM "Judgment" j WHERE j."itemId" = i."id") ORDER BY i."id" LIMIT $3`;
const ITEMS_COUNT = `SELECT i."id", i."externalId"${ENC} FROM "Item" i WHERE i."projectId" = $1 AND i."id" > $2 AND (SELECT count(*) FROM "Judgment" j WHERE j."itemId" = i."id") >= 1 ORDER BY i."id" LIMIT $3`;
const JUDG = `SELECT json_agg(json_build_array(j."itemId", ${J}) ORDER BY j."itemId", j."id")::text FROM "Judgment" j WHERE j."itemId" = ANY($1)`;
const JUDG_ROWS = `SELECT j."itemId", ${J} FROM "Judgment" j WHERE j."itemId" = ANY($1) ORDER BY j."itemId", j."id"`;
async function main() {
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL }); await c.connect();
  const B = 1000;
  for (const variant of ["lat", "exists+agg", "count+agg", "exists+rows"]) {
    let cursor = ""; const t = Date.now(); let n = 0;
    for (;;) {
      if (variant === "lat") {
        const r = await c.query({ text: LAT, values: ["bench-project", cursor, B], rowMode: "array" });
        if (!r.rows.length) break; cursor = r.rows[r.rows.length - 1][0]; n += r.rows.length;
      } else {
        const r = await c.query({ text: variant.startsWith("count") ? ITEMS_COUNT : ITEMS_EXISTS, values: ["bench-project", cursor, B], rowMode: "array" });
        if (!r.rows.length) break; cursor = r.rows[r.rows.length - 1][0]; n += r.rows.length;
        await c.query({ text: variant.endsWith("rows") ? JUDG_ROWS : JUDG, values: [r.rows.map((x: any) => x[0])], rowMode: "array" });
      }
    }
    console.log(variant, n, Date.now() - t, "ms");
  }
  await c.end();
}
void main();
