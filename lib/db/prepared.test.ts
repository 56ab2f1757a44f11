import pg from "pg";
import { describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { db, queryPrepared } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { poolDriver, runPrepared, statementName } from "./prepared";

withTestDb();

/** One statement, both paths: what `$queryRaw` gives and what the hot path's driver gives must be the same values of the same types. */
async function bothWays(sql: Prisma.Sql) {
  const [viaPrisma, viaDriver] = [await db.$queryRaw<Record<string, unknown>[]>(sql), await queryPrepared<Record<string, unknown>>("parity", sql)];
  return { viaPrisma, viaDriver };
}

describe("the hot path's driver statements (lib/db/prepared.ts)", () => {
  it("give rows of the same JavaScript types as $queryRaw, and send Dates as Prisma does", async () => {
    const at = new Date("2026-11-29T10:11:12.345Z");
    const { viaPrisma, viaDriver } = await bothWays(Prisma.sql`
      SELECT ${at}::timestamp(3) AS "ts", ${at}::timestamp(3) = '2026-11-29 10:11:12.345'::timestamp AS "sentAsUtc",
             '2026-11-29 10:11:12.345+00'::timestamptz AS "tstz", 7::int AS "int", 9007199254740993::bigint AS "big",
             1.25::float8 AS "float", 2.5::numeric AS "dec", '{"a":[1,null,"x"]}'::jsonb AS "json", 'null'::jsonb AS "jsonNull",
             ARRAY['a','b']::text[] AS "texts", ARRAY[3,1,2]::int[] AS "ints", ARRAY[]::int[] AS "empty", true AS "bool",
             NULL::text AS "nothing", 'ADMIN'::"Role" AS "enum", 'LEAD'::"ProjectRole"::text AS "enumText",
             cardinality(${["x", "y"]}::text[]) AS "arrayParam", 'z' <> ALL(${[]}::text[]) AS "emptyArrayParam"`);
    expect(viaDriver).toStrictEqual(viaPrisma);
    expect(viaDriver[0]).toMatchObject({ ts: at, sentAsUtc: true, int: 7, big: 9007199254740993n, float: 1.25, json: { a: [1, null, "x"] }, ints: [3, 1, 2], arrayParam: 2, emptyArrayParam: true });
    expect(viaDriver[0]!.dec).toBeInstanceOf(Prisma.Decimal);
  });

  it("read the hot path's tables as $queryRaw does (Project, Item, Assignment, Judgment rows)", async () => {
    const project = await db.project.create({ data: { slug: `prep-${Date.now()}`, name: "Prepared", status: "ACTIVE", attributes: [{ key: "helpful" }], pauseBelowAccuracy: 0.5 } });
    const user = await db.user.create({ data: { email: `prep-${Date.now()}@example.com`, name: "P" } });
    const item = await db.item.create({ data: { projectId: project.id, externalId: "i1", prompt: [{ role: "user", content: "hi" }], promptText: "hi", responseA: "a", responseB: "b" } });
    await db.assignment.create({ data: { itemId: item.id, userId: user.id, swapped: true, displayOrder: [1, 0], expiresAt: new Date(Date.now() + 60_000) } });
    await db.judgment.create({ data: { itemId: item.id, userId: user.id, preference: -2, flags: ["x"], rationale: "r", attributes: { helpful: 1 }, guidelinesVersion: 1, shownSwapped: true, durationMs: 1200, clientId: `c-${Date.now()}` } });
    for (const table of ["Project", "Item", "Assignment", "Judgment"]) {
      const { viaPrisma, viaDriver } = await bothWays(Prisma.sql`SELECT * FROM ${Prisma.raw(`"${table}"`)} ORDER BY "id"`);
      expect(viaDriver.length, table).toBeGreaterThan(0);
      expect(viaDriver, table).toStrictEqual(viaPrisma);
    }
  });

  it("names a statement by its text: one name never stands for two texts", () => {
    expect(statementName("pw_lease", "SELECT 1")).toBe(statementName("pw_lease", "SELECT 1"));
    expect(statementName("pw_lease", "SELECT 1")).not.toBe(statementName("pw_lease", "SELECT 2"));
    expect(statementName("pw_lease", "SELECT 1").length).toBeLessThan(64);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("named statements on PostgreSQL", () => {
  it("are parsed once per connection and then reused (plans cached by the plan cache)", async () => {
    // One connection, so every execution lands on the same session.
    const pool = new pg.Pool({ connectionString: process.env.TEST_DATABASE_URL, max: 1 });
    const driver = poolDriver(pool);
    try {
      const sql = (n: number) => Prisma.sql`SELECT ${n}::int + 1 AS "next", ${[String(n)]}::text[] AS "ids"`;
      for (let n = 0; n < 8; n++) expect(await runPrepared(driver, "probe", sql(n))).toEqual([{ next: n + 1, ids: [String(n)] }]);
      await runPrepared(driver, "probe", Prisma.sql`SELECT 2 AS "other"`);
      const { rows } = await pool.query<{ name: string; generic_plans: string; custom_plans: string }>(
        "SELECT name, generic_plans, custom_plans FROM pg_prepared_statements WHERE name LIKE 'probe%' ORDER BY name",
      );
      const first = rows.find((r) => r.name === statementName("probe", sql(0).text));
      expect(first, JSON.stringify(rows)).toBeDefined();
      // Eight executions of one prepared statement (PostgreSQL plans the first five custom, then may go generic).
      expect(Number(first!.generic_plans) + Number(first!.custom_plans)).toBe(8);
      expect(rows).toHaveLength(2);
    } finally {
      await driver.end();
    }
  });
});
