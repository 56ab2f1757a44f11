import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
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

export function postgresAdapter(url: string) {
  return new PrismaPg({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 20) });
}

/** The adapter the Prisma CLI migrates through (prisma.config.ts). */
export async function openMigrationAdapter(target: DatabaseTarget) {
  if (target.kind === "postgres") return postgresAdapter(target.url);
  const { pglite } = await openPglite(target.dir);
  // Typed against an older driver-adapter-utils than Prisma 6.19's; same runtime interface.
  return new PrismaPGlite(pglite) as unknown as PrismaPg;
}
