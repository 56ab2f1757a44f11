/**
 * The e2e server: a fresh database (a new PGlite folder, or a new database on
 * TEST_DATABASE_URL's local PostgreSQL), migrated as `npm start` does,
 * filled with the fixtures in e2e/fixtures/seed.ts, then one server process
 * of `npm start` (scripts/server-worker.mjs, Next's custom server on the
 * production build). Refuses any non-local database.
 */
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { spawn } from "node:child_process";
import pg from "pg";
import { closeDb } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/migrate";
import { resolveDatabaseTarget } from "@/lib/db/database-url";
import { seedE2eFixtures } from "./fixtures/seed";

const root = path.resolve(__dirname, "..");
const port = process.env.E2E_PORT ?? "3100";

async function freshDatabaseUrl(): Promise<string> {
  const base = process.env.TEST_DATABASE_URL;
  const id = randomBytes(4).toString("hex");
  if (!base) return `pglite:${path.join(root, ".tmp", `e2e-pglite-${id}`)}`;
  const url = new URL(base);
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(url.hostname)) throw new Error(`Refusing a non-local database: ${url.hostname}`);
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  const name = `pw_e2e_${id}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  url.pathname = `/${name}`;
  return url.toString();
}

async function main() {
  const databaseUrl = await freshDatabaseUrl();
  process.env.DATABASE_URL = databaseUrl;
  await migrateDatabase(resolveDatabaseTarget(databaseUrl));
  const fixtures = await seedE2eFixtures();
  await closeDb();
  fs.mkdirSync(path.join(root, ".tmp"), { recursive: true });
  fs.writeFileSync(path.join(root, ".tmp", "e2e-fixtures.json"), JSON.stringify({ ...fixtures, databaseUrl }, null, 2));
  // Plain node (no tsx, no react-server condition), as scripts/cluster.ts runs it.
  const server = spawn(process.execPath, [path.join(root, "scripts", "server-worker.mjs")], {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: port,
      NODE_ENV: "production",
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
