import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { computeAgreementFromTable } from "@/lib/agreement/compute-agreement";
import { readAgreementJsonl } from "@/lib/agreement/read-jsonl";

type Io = { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream };

const USAGE = "usage: agreement --input FILE [--scale S]\n";

type Parsed = { input: string; scale?: number } | { error: string };

function parseArgs(args: string[]): Parsed {
  let input: string | undefined;
  let scale: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = inline ?? args[i + 1];
    if (flag === "--input" || flag === "--scale") {
      if (value === undefined) return { error: `${flag} needs a value` };
      if (inline === undefined) i++;
      if (flag === "--input") input = value;
      else {
        scale = Number(value);
        if (!Number.isInteger(scale) || scale < 1) return { error: `--scale must be a positive integer, got "${value}"` };
      }
    } else return { error: `unknown argument "${arg}"` };
  }
  if (!input) return { error: "--input is required" };
  return { input, scale };
}

/**
 * `agreement --input FILE [--scale S]`: agreement of a judgments JSONL file,
 * offline, with no database. Prints one JSON object (the computeAgreement
 * result). Exit codes: 0 ok, 1 unreadable file, 2 bad arguments or bad line.
 */
export async function run(args: string[], io: Io): Promise<number> {
  const parsed = parseArgs(args);
  if ("error" in parsed) {
    io.stderr.write(`${parsed.error}\n${USAGE}`);
    return 2;
  }
  // Check up front: a missing file or a directory should fail with a plain message, not a stream error.
  const info = await stat(parsed.input).catch(() => null);
  if (!info?.isFile()) {
    io.stderr.write(`cannot read ${parsed.input}: not a file\n`);
    return 1;
  }
  const stream = createReadStream(parsed.input, { encoding: "utf8" });
  try {
    const result = await readAgreementJsonl(stream, { scale: parsed.scale });
    if (!result.ok) {
      io.stderr.write(`line ${result.line}: ${result.reason}\n`);
      return 2;
    }
    const agreement = computeAgreementFromTable(result.table, { scale: result.scale });
    io.stdout.write(`${JSON.stringify(agreement, null, 2)}\n`);
    return 0;
  } catch (error) {
    io.stderr.write(`cannot read ${parsed.input}: ${(error as Error).message}\n`);
    return 1;
  } finally {
    stream.destroy();
  }
}
