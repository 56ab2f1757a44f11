import "server-only";
import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { resolveDatabaseTarget } from "@/lib/db/database-url";
import { postgresAdapter, postgresPool } from "@/lib/db/adapters";
import { pgliteDriver, poolDriver, runPrepared, type RawDriver } from "@/lib/db/prepared";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { PrismaPg } from "@prisma/adapter-pg";
import { acquirePgliteLock } from "@/lib/db/pglite-lock";
import { pgliteOptions } from "@/lib/db/pglite-extensions";

/**
 * The one Prisma client of the process. PGlite or PostgreSQL is chosen here
 * (from DATABASE_URL) and nowhere else. Password hashes are omitted unless a
 * query asks for them by name.
 */
export function createPrismaClient(adapter: PrismaPg | PrismaPGlite) {
  // pglite-prisma-adapter is typed against an older driver-adapter-utils; the
  // runtime interface is the same (migrations and the test suite use it).
  return new PrismaClient({ adapter: adapter as PrismaPg, omit: { user: { passwordHash: true } } });
}

export type Db = ReturnType<typeof createPrismaClient>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
export type DbKind = "pglite" | "postgres";

type Holder = { client?: Db; kind?: DbKind; raw?: RawDriver; close?: () => Promise<void>; postgresUrl?: string };
const holder: Holder = ((globalThis as { __pairwiseDb?: Holder }).__pairwiseDb ??= {});

function open(): Db {
  const target = resolveDatabaseTarget();
  if (target.kind === "postgres") {
    holder.kind = "postgres";
    holder.postgresUrl = target.url;
    // One pool for Prisma and for the hot path's prepared statements (lib/db/prepared.ts).
    const pool = postgresPool(target.url);
    const client = createPrismaClient(postgresAdapter(pool));
    // PAIRWISE_HOT_PATH=unnamed|prisma: the same statements unnamed, or through Prisma's $queryRaw as
    // before lib/db/prepared.ts; only for comparing in bench:load (`--hot-path`), not for production.
    const hotPath = process.env.PAIRWISE_HOT_PATH ?? "named";
    holder.raw = hotPath === "prisma" ? undefined : poolDriver(pool, { named: hotPath !== "unnamed" });
    holder.close = async () => {
      await client.$disconnect();
      await pool.end();
    };
    return client;
  }
  // One PGlite per process, kept on globalThis so hot reload does not open a
  // second; the lock file stops a second process (see pglite-lock.ts).
  const release = acquirePgliteLock(target.dir);
  try {
    fs.mkdirSync(target.dir, { recursive: true });
    const pglite = new PGlite(target.dir, pgliteOptions);
    holder.kind = "pglite";
    const client = createPrismaClient(new PrismaPGlite(pglite));
    holder.raw = pgliteDriver(pglite);
    holder.close = async () => {
      await client.$disconnect();
      await pglite.close();
      release();
    };
    return client;
  } catch (error) {
    release();
    throw error;
  }
}

export function getDb(): Db {
  holder.client ??= open();
  return holder.client;
}

export function dbKind(): DbKind {
  getDb();
  return holder.kind ?? "postgres";
}

/**
 * The PostgreSQL URL this process opened from DATABASE_URL, for another
 * thread that must reach the same database (lib/views/view-worker-pool.ts);
 * null on PGlite (one process, one thread) and once tests set the database.
 */
export function processPostgresUrl(): string | null {
  getDb();
  return holder.postgresUrl ?? null;
}

/**
 * Tests point the process at a fresh database. `raw` is the driver under the
 * client (poolDriver / pgliteDriver of the same pool or PGlite; its pool is
 * ended by closeDb); without it the hot path's statements go through the
 * client's `$queryRawUnsafe` instead.
 */
export function setDatabaseForTests(client: Db, kind: DbKind, raw?: RawDriver): void {
  holder.client = client;
  holder.kind = kind;
  holder.raw = raw;
  holder.postgresUrl = undefined;
  holder.close = async () => {
    await client.$disconnect();
    await raw?.end();
  };
}

export async function closeDb(): Promise<void> {
  const close = holder.close;
  holder.client = undefined;
  holder.raw = undefined;
  holder.close = undefined;
  holder.postgresUrl = undefined;
  if (close) await close();
}

/**
 * One statement of the annotation hot path, on the driver under the Prisma
 * client rather than through it (lib/db/prepared.ts): a named prepared
 * statement on PostgreSQL, the same SQL unnamed on PGlite. `name` says which
 * statement it is (a hash of the text is added). Rows as `$queryRaw` gives
 * them. Not for statements that must join a `db.$transaction`.
 */
export async function queryPrepared<T>(name: string, sql: Prisma.Sql): Promise<T[]> {
  const client = getDb();
  if (!holder.raw) return client.$queryRawUnsafe<T[]>(sql.text, ...sql.values);
  return runPrepared<T>(holder.raw, name, sql);
}

/** `db.user.findMany(…)` anywhere; the client opens on first use, never at build time. */
export const db: Db = new Proxy({} as Db, {
  get(_target, property) {
    const client = getDb() as unknown as Record<string | symbol, unknown>;
    const value = client[property];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(client) : value;
  },
});
