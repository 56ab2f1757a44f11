import { PassThrough } from "node:stream";
import type { Io } from "@/cli/shared/errors";

export type InProcessResult = { code: number; stdout: string; stderr: string };

/**
 * Runs a CLI command (or the dispatcher) in this process, with its output
 * captured, for tests that need the test database this process holds. The
 * spawned CLI (cli/cli-test-support.ts `runCli`) checks the real exit code.
 */
export async function runInProcess(command: (args: string[], io: Io) => Promise<number>, args: string[]): Promise<InProcessResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on("data", (chunk: Buffer) => out.push(chunk));
  stderr.on("data", (chunk: Buffer) => err.push(chunk));
  const code = await command(args, { stdout, stderr });
  return { code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}
