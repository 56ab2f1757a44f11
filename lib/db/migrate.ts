import fs from "node:fs";
import path from "node:path";
import { createHash, randomUUID } from "node:crypto";
import pg from "pg";
import type { DatabaseTarget } from "./database-url";
import { openPglite } from "./adapters";

/**
 * Applies prisma/migrations at start-up, in process, recording each in
 * Prisma's own `_prisma_migrations` table with Prisma's checksum (SHA-256 of
 * migration.sql), so `prisma migrate deploy` and `prisma migrate status` agree
 * with it (tested in migrate.test.ts). Why not run the Prisma CLI here: with
 * the PGlite adapter `prisma migrate deploy` (6.19) never exits, because the
 * adapter's dispose() leaves the database open; and starting the CLI costs
 * seconds on every start.
 */
export type Migration = { name: string; sql: string; checksum: string };

export function readMigrations(dir = path.resolve(process.cwd(), "prisma/migrations")): Migration[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

type Runner = {
  query: (sql: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;
  inTransaction: (fn: (tx: { exec: (sql: string) => Promise<unknown>; query: Runner["query"] }) => Promise<void>) => Promise<void>;
};

async function apply(runner: Runner, migrations: Migration[]): Promise<string[]> {
  await runner.query(CREATE_TABLE);
  const { rows } = await runner.query(
    `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
  );
  const done = new Map(rows.map((r) => [String(r.migration_name), r]));
  const applied: string[] = [];
  for (const migration of migrations) {
    const row = done.get(migration.name);
    if (row && !row.finished_at) {
      throw new Error(
        `Migration ${migration.name} started earlier and did not finish. Inspect the database, then mark it with ` +
          "`npx prisma migrate resolve --rolled-back " + migration.name + "` and start again.",
      );
    }
    if (row) continue;
    await runner.inTransaction(async (tx) => {
      await tx.exec(migration.sql);
      await tx.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES ($1, $2, $3, now(), now(), 1)`,
        [randomUUID(), migration.checksum, migration.name],
      );
    });
    applied.push(migration.name);
  }
  return applied;
}

export async function migrateDatabase(target: DatabaseTarget, migrations = readMigrations()): Promise<string[]> {
  if (target.kind === "pglite") {
    const { pglite, close } = await openPglite(target.dir);
    try {
      return await apply(
        {
          query: (sql, params) => pglite.query(sql, params) as Promise<{ rows: Record<string, unknown>[] }>,
          inTransaction: (fn) => pglite.transaction(async (tx) => fn({ exec: (sql) => tx.exec(sql), query: (sql, p) => tx.query(sql, p) as Promise<{ rows: Record<string, unknown>[] }> })),
        },
        migrations,
      );
    } finally {
      await close();
    }
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    // The same advisory lock id Prisma takes, so two servers starting together migrate once.
    await client.query("SELECT pg_advisory_lock(72707369)");
    return await apply(
      {
        query: (sql, params) => client.query(sql, params as unknown[]),
        inTransaction: async (fn) => {
          await client.query("BEGIN");
          try {
            await fn({ exec: (sql) => client.query(sql), query: (sql, p) => client.query(sql, p as unknown[]) });
            await client.query("COMMIT");
          } catch (error) {
            await client.query("ROLLBACK");
            throw error;
          }
        },
      },
      migrations,
    );
  } finally {
    await client.end();
  }
}
