import "dotenv/config";
import { defineConfig } from "prisma/config";
import { resolveDatabaseTarget } from "./lib/db/database-url";
import { openMigrationAdapter } from "./lib/db/adapters";

// Prisma 6.19 migrates through a driver adapter with its WebAssembly schema
// engine, so no engine binary is ever downloaded (see docs/architecture.md, "Database").
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    return openMigrationAdapter(resolveDatabaseTarget());
  },
});
