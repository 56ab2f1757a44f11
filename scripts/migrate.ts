/** `npm run migrate`: apply pending migrations to DATABASE_URL's database (PGlite or PostgreSQL). */
// Read .env as next start, prisma.config.ts and the CLI do, so every tool sees the same database.
import "dotenv/config";
import { resolveDatabaseTarget } from "@/lib/db/database-url";
import { migrateDatabase } from "@/lib/db/migrate";

migrateDatabase(resolveDatabaseTarget())
  .then((applied) => console.log(applied.length ? `Applied: ${applied.join(", ")}` : "No pending migrations."))
  .catch((error: Error) => {
    console.error(`✖ ${error.message}`);
    process.exit(1);
  });
