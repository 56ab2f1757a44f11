/**
 * `npm start`: build if needed, apply pending migrations, seed an empty
 * database, then serve. Runs as `tsx --conditions react-server` so lib/ code
 * marked server-only can be used here.
 */
// Read .env as next start, prisma.config.ts and the CLI do, so every tool sees the same database.
import "dotenv/config";
import fs from "node:fs";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { readEnv, resolveAuthSecret } from "@/lib/env";
import { resolveDatabaseTarget } from "@/lib/db/database-url";
import { closeDb } from "@/lib/db";
import { seedDemoIfEmpty } from "@/lib/seed/seed-demo";
import { migrateDatabase } from "@/lib/db/migrate";

const root = path.resolve(__dirname, "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

function run(command: string, args: string[], label: string, env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`\n✖ ${label} failed (exit ${result.status ?? result.signal}).`);
    process.exit(1);
  }
}

async function main() {
  let env;
  let secret: string;
  try {
    env = readEnv();
    secret = resolveAuthSecret(env);
  } catch (error) {
    console.error(`✖ ${(error as Error).message}`);
    process.exit(1);
  }
  const target = resolveDatabaseTarget(env.DATABASE_URL);
  console.log(`Pairwise · database: ${target.kind === "pglite" ? `embedded PGlite in ${target.dir}` : "PostgreSQL"}`);

  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID")) || process.env.PAIRWISE_REBUILD === "1") {
    console.log("Building the app (first run only; about a minute)…");
    run(bin("next"), ["build"], "next build", { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
  }

  const applied = await migrateDatabase(target);
  console.log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database schema is up to date.");

  const accounts = await seedDemoIfEmpty();
  await closeDb(); // release the embedded database before the server opens it
  const url = env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
  if (accounts) {
    console.log("\nCreated the demo project and these accounts. The passwords are shown only now — save them:\n");
    for (const account of accounts) console.log(`  ${account.role.padEnd(9)}  ${account.email.padEnd(24)}  ${account.password}`);
    console.log("");
  }

  const server = spawn(bin("next"), ["start", "-p", String(env.PORT)], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, NEXTAUTH_SECRET: secret, NEXTAUTH_URL: url, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  let announced = false;
  server.stdout.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (!announced && /Ready|started server|Local:/i.test(chunk.toString())) {
      announced = true;
      console.log(`\n  Pairwise is running at ${url}\n`);
    }
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((error) => {
  console.error(error instanceof Error ? `✖ ${error.message}` : error);
  process.exit(1);
});
