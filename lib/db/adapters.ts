import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { DatabaseTarget } from "./database-url";
import { acquirePgliteLock } from "./pglite-lock";
import { pgliteOptions } from "./pglite-extensions";

/** Opens PGlite once the lock is ours; PGlite does not create parent folders. */
export async function openPglite(dir: string): Promise<{ pglite: PGlite; close: () => Promise<void> }> {
  const release = acquirePgliteLock(dir);
  try {
    fs.mkdirSync(dir, { recursive: true });
    const pglite = await PGlite.create(dir, pgliteOptions);
    return {
      pglite,
      close: async () => {
        await pglite.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * The process's pool of PostgreSQL connections (DATABASE_POOL_SIZE, 20 by default).
 * An idle connection the server ends (a restart, a dropped database, an
 * administrator's terminate) is an `error` event on the pool: without a
 * listener of its own it would be an uncaught exception, and Prisma's adapter
 * takes its listener off when the client disconnects while the pool may still
 * be closing. The pool drops that connection and opens a new one when needed.
 */
export function postgresPool(url: string, options: pg.PoolConfig = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 20), ...options });
  pool.on("error", (error) => console.warn(`PostgreSQL closed an idle connection: ${error.message}`));
  return pool;
}

/** Prisma's adapter over a pool (a URL opens one of its own); the pool stays the caller's to end. */
export function postgresAdapter(urlOrPool: string | pg.Pool, options?: ConstructorParameters<typeof PrismaPg>[1]) {
  if (typeof urlOrPool === "string") return new PrismaPg(postgresPool(urlOrPool), { ...options, disposeExternalPool: true });
  return new PrismaPg(urlOrPool, options);
}

/** The adapter the Prisma CLI migrates through (prisma.config.ts). */
export async function openMigrationAdapter(target: DatabaseTarget) {
  if (target.kind === "postgres") return postgresAdapter(target.url);
  const { pglite } = await openPglite(target.dir);
  // Typed against an older driver-adapter-utils than Prisma 6.19's; same runtime interface.
  return new PrismaPGlite(pglite) as unknown as PrismaPg;
}
