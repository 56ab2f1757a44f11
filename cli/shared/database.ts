import fs from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";
import { resolveDatabaseTarget } from "@/lib/db/database-url";
import { readMigrations } from "@/lib/db/migrate";
import { CliFailure } from "./errors";

const MIGRATIONS_DIR = path.resolve(__dirname, "../../prisma/migrations");
const RUN_MIGRATE = "run `npm run migrate` (or `npm start`) first";

/**
 * Opens the database and checks its schema is this code's. The CLI never
 * migrates by itself: on the embedded database that would race a server
 * starting up, and a schema change should be something an operator chooses.
 * Opening PGlite while the server runs throws DatabaseInUseError (pglite-lock.ts),
 * which the caller prints as it is.
 */
export async function openDatabase(): Promise<void> {
  const target = resolveDatabaseTarget();
  // Do not let PGlite create an empty database in a folder that has none: say how to make one.
  if (target.kind === "pglite" && !fs.existsSync(path.join(target.dir, "PG_VERSION"))) {
    throw new CliFailure(`There is no embedded database in ${target.dir} yet: ${RUN_MIGRATE}, or set DATABASE_URL.`);
  }
  const [table] = await db.$queryRawUnsafe<{ name: string | null }[]>(`SELECT to_regclass('"_prisma_migrations"')::text AS name`);
  if (!table?.name) throw new CliFailure(`The database has no Pairwise schema yet: ${RUN_MIGRATE}.`);
  const rows = await db.$queryRawUnsafe<{ migration_name: string }[]>(
    `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const applied = new Set(rows.map((row) => row.migration_name));
  const pending = readMigrations(MIGRATIONS_DIR).filter((migration) => !applied.has(migration.name));
  if (pending.length) {
    throw new CliFailure(
      `The database schema is behind this version of Pairwise (${pending.length} pending migration${pending.length === 1 ? "" : "s"}: ${pending.map((m) => m.name).join(", ")}): ${RUN_MIGRATE}.`,
    );
  }
}
