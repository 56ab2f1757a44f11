import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import { createPrismaClient, setDatabaseForTests, closeDb, type Db, type DbKind } from "@/lib/db";
import { pgliteOptions } from "@/lib/db/pglite-extensions";
import { pgliteDriver, poolDriver } from "@/lib/db/prepared";
import { postgresPool } from "@/lib/db/adapters";

/**
 * A fresh database for one test file: in-memory PGlite by default, or a new
 * schema in TEST_DATABASE_URL's PostgreSQL. Migrations are applied from
 * prisma/migrations, so tests run the same SQL as production.
 */
function migrationSql(): string[] {
  const dir = path.resolve(__dirname, "../prisma/migrations");
  return fs
    .readdirSync(dir)
    .filter((name) => fs.statSync(path.join(dir, name)).isDirectory())
    .sort()
    .map((name) => fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8"));
}

export type TestDb = { db: Db; kind: DbKind; cleanup: () => Promise<void> };

export async function createTestDb(): Promise<TestDb> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const host = new URL(url).hostname;
    if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
      throw new Error(`TEST_DATABASE_URL must point at a local server (got host ${host})`);
    }
    const schema = `t_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    await admin.query(`SET search_path TO "${schema}"`);
    // pg_trgm is database-wide: create it once, under a lock, before test files
    // migrate side by side (the migration's own check-then-create would race).
    await admin.query("SELECT pg_advisory_lock(72707370)");
    try {
      await admin.query("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public");
    } finally {
      await admin.query("SELECT pg_advisory_unlock(72707370)");
    }
    for (const sql of migrationSql()) await admin.query(sql);
    // search_path too, so raw SQL ($queryRaw) finds the tables of this schema like Prisma's own queries do.
    const pool = postgresPool(url, { max: 30, options: `-c search_path="${schema}"` });
    const db = createPrismaClient(new PrismaPg(pool, { schema }));
    setDatabaseForTests(db, "postgres", poolDriver(pool));
    return {
      db,
      kind: "postgres",
      cleanup: async () => {
        await closeDb();
        await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
        await admin.end();
      },
    };
  }
  const pglite = new PGlite(pgliteOptions);
  for (const sql of migrationSql()) await pglite.exec(sql);
  const db = createPrismaClient(new PrismaPGlite(pglite));
  setDatabaseForTests(db, "pglite", pgliteDriver(pglite));
  return {
    db,
    kind: "pglite",
    cleanup: async () => {
      await closeDb();
      await pglite.close();
    },
  };
}

/**
 * The usual setup of an integration test file (or of one describe block): a
 * fresh database before its tests, dropped after them. Call it before any
 * beforeAll that writes to the database: hooks run in the order they are
 * registered, and the cleanup, registered first, runs last.
 */
export function withTestDb(): void {
  let testDb: TestDb | undefined;
  beforeAll(async () => {
    testDb = await createTestDb();
  });
  afterAll(async () => {
    await testDb?.cleanup();
  });
}
