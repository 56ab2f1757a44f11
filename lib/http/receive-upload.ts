import "server-only";
import { AppError } from "@/lib/errors";
import { spoolToTempFile, type SpooledFile } from "@/lib/import/spool-to-temp-file";

export type { SpooledFile };

/**
 * A file sent as the request body (an import), written to a private temporary
 * file chunk by chunk so it can be read twice and is never held in memory.
 * A multipart form is refused with the command that sends the file itself; a
 * declared or actual size over `maxBytes` is a 413 before or while it arrives.
 * The caller removes the file when done.
 */
export async function receiveUpload(request: Request, options: { maxBytes: number; what: string }): Promise<SpooledFile> {
  if (/^multipart\//i.test(request.headers.get("content-type") ?? "")) {
    throw new AppError("bad_request", `Send the ${options.what} itself as the body (curl --data-binary @file), not as a multipart form.`);
  }
  if (Number(request.headers.get("content-length") ?? 0) > options.maxBytes) {
    throw new AppError("payload_too_large", `The upload is over the ${Math.floor(options.maxBytes / 1e6)} MB limit; split the file.`);
  }
  return spoolToTempFile({ body: request.body, maxBytes: options.maxBytes });
}
