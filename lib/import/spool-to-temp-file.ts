import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors";
import { readChunks, type ByteSource } from "./sources";

export type SpooledFile = { path: string; bytes: number; remove: () => Promise<void> };

/**
 * Writes an upload to a private temporary file, chunk by chunk (memory holds
 * one chunk, never the body), so that an all-or-nothing import can read it
 * twice. Past `maxBytes` the upload is cut off, the file deleted and a 413
 * thrown. The caller removes the file when done (`remove` never throws).
 */
export async function spoolToTempFile(options: { body: ByteSource | null; maxBytes: number; dir?: string }): Promise<SpooledFile> {
  const file = path.join(options.dir ?? os.tmpdir(), `pairwise-upload-${randomBytes(12).toString("hex")}`);
  const remove = () => fs.promises.rm(file, { force: true }).catch(() => undefined);
  const handle = await fs.promises.open(file, "wx", 0o600);
  let bytes = 0;
  try {
    if (options.body) {
      for await (const chunk of readChunks(options.body)) {
        bytes += chunk.length;
        if (bytes > options.maxBytes) {
          // Leaving the loop cancels the request stream: the rest is never read.
          throw new AppError("payload_too_large", `The upload is over the ${Math.floor(options.maxBytes / 1e6)} MB limit; split the file.`);
        }
        await handle.write(chunk);
      }
    }
    await handle.close();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await remove();
    throw error;
  }
  return { path: file, bytes, remove };
}
