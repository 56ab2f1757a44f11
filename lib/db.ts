import "server-only";
import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { resolveDatabaseTarget } from "@/lib/db/database-url";
import { postgresAdapter } from "@/lib/db/adapters";
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

type Holder = { client?: Db; kind?: DbKind; close?: () => Promise<void>; postgresUrl?: string };
const holder: Holder = ((globalThis as { __pairwiseDb?: Holder }).__pairwiseDb ??= {});

function open(): Db {
  const target = resolveDatabaseTarget();
  if (target.kind === "postgres") {
    holder.kind = "postgres";
    holder.postgresUrl = target.url;
    const client = createPrismaClient(postgresAdapter(target.url));
    holder.close = () => client.$disconnect();
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

/** Tests point the process at a fresh database. */
export function setDatabaseForTests(client: Db, kind: DbKind): void {
  holder.client = client;
  holder.kind = kind;
  holder.postgresUrl = undefined;
  holder.close = () => client.$disconnect();
}

export async function closeDb(): Promise<void> {
  const close = holder.close;
  holder.client = undefined;
  holder.close = undefined;
  holder.postgresUrl = undefined;
  if (close) await close();
}

/** `db.user.findMany(…)` anywhere; the client opens on first use, never at build time. */
export const db: Db = new Proxy({} as Db, {
  get(_target, property) {
    const client = getDb() as unknown as Record<string | symbol, unknown>;
    const value = client[property];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(client) : value;
  },
});
