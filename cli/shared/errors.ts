import { isAppError } from "@/lib/errors";

export type Io = { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream };

/** Exit codes of every command: 0 done, 1 refused or failed, 2 bad arguments. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** Bad arguments: printed with the command's usage, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** A refused or impossible action the CLI itself detects (no database yet, no admin): exit 1. */
export class CliFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliFailure";
  }
}

const UNREACHABLE = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|Can't reach database server|password authentication failed|database "[^"]*" does not exist|no pg_hba\.conf entry/;

/** Prisma wraps driver errors in a paragraph ending in "Message: `…`"; the driver's sentence is the useful part. */
function plainMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return /Message: `([^`]+)`/.exec(message)?.[1] ?? message.trim();
}

/**
 * Prints an error the way a person at a terminal can act on it, and returns
 * the exit code. Stack traces only with PAIRWISE_DEBUG=1: a refused action is
 * not a crash.
 */
export function reportError(error: unknown, io: Io, usage?: string): number {
  if (error instanceof UsageError) {
    // The synopsis (the usage's first paragraph), not the whole help: the error should stay in sight.
    const synopsis = usage?.split("\n\n")[0];
    io.stderr.write(`error: ${error.message}\n${synopsis ? `${synopsis}\n(--help for details)\n` : ""}`);
    return EXIT_USAGE;
  }
  // Matched by name too: the class may come from a second copy of the module (lazy command loading).
  const name = error instanceof Error ? error.name : "";
  if (isAppError(error) || name === "AppError" || name === "CliFailure" || name === "DatabaseInUseError") {
    io.stderr.write(`error: ${(error as Error).message}\n`);
    return EXIT_FAILED;
  }
  const message = plainMessage(error);
  if (UNREACHABLE.test(message) || UNREACHABLE.test(String((error as { cause?: unknown })?.cause ?? ""))) {
    io.stderr.write(`error: cannot reach the database (check DATABASE_URL): ${message}\n`);
    return EXIT_FAILED;
  }
  io.stderr.write(`error: ${message}\n`);
  if (process.env.PAIRWISE_DEBUG === "1" && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  else io.stderr.write("(set PAIRWISE_DEBUG=1 to see where it happened)\n");
  return EXIT_FAILED;
}
