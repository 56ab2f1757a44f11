import { UsageError } from "./errors";

/** The first line of stdin (for secrets given as "-"), without its line end. */
export async function readStdinLine(): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError('"-" reads the value from stdin: pipe it in, e.g. `printf %s "$PASSWORD" | npm run cli -- …`');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return (Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "");
}
