/**
 * `npm run --silent cli -- <command> …`: loads the .env files, runs the
 * command (cli/dispatch.ts), closes the database and exits with the
 * command's code. See dispatch.ts for the commands and exit codes.
 */
import path from "node:path";
import { config as loadEnvFile } from "dotenv";
import { main } from "./dispatch";
import { reportError, type Io } from "./shared/errors";

async function closeDatabaseIfOpened(): Promise<void> {
  // Only when a command opened it: loading lib/db would cost `agreement` the Prisma client.
  if (!(globalThis as { __pairwiseDb?: { close?: unknown } }).__pairwiseDb?.close) return;
  const { closeDb } = await import("@/lib/db");
  await closeDb();
}

const flush = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => stream.write("", () => resolve()));

// The same .env files Next.js reads, so the CLI talks to the server's database; real env vars win.
const root = path.resolve(__dirname, "..");
loadEnvFile({ path: [path.join(root, ".env.local"), path.join(root, ".env")], quiet: true });

// `… export --format raw | head`: the reader left, which is not an error of ours.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

void (async () => {
  const io: Io = { stdout: process.stdout, stderr: process.stderr };
  let code: number;
  try {
    code = await main(process.argv.slice(2), io);
  } catch (error) {
    code = reportError(error, io);
  }
  try {
    await closeDatabaseIfOpened();
  } catch (error) {
    code = code || reportError(error, io);
  }
  await Promise.all([flush(process.stdout), flush(process.stderr)]);
  // Exit now: a pool or a stray timer must not keep a finished command alive.
  process.exit(code);
})();
