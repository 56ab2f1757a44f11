import { errorMessageOf } from "@/lib/http/read-error-message";
import { IMPORT_CONTENT_TYPES, type ImportFormat } from "@/lib/validations/import-format";
import type { ImportReportJson } from "@/lib/validations/item-import";

export type UploadProgress = { phase: "uploading"; loaded: number; total: number } | { phase: "importing" };

/**
 * Sends the whole file to the REST import route with XMLHttpRequest, because
 * fetch() cannot report upload progress. The session cookie authenticates it
 * (actorFromRequest falls back to the session when there is no bearer token).
 */
export function uploadItems(options: {
  slug: string;
  file: File;
  format: ImportFormat;
  onError: "abort" | "skip";
  dryRun: boolean;
  /** format=ratings: which pairs of completions become items. */
  pairs?: "all" | "best-vs-rest" | "adjacent";
  onProgress: (progress: UploadProgress) => void;
}): Promise<{ status: number; report: ImportReportJson | null; message: string | null }> {
  const { slug, file, format, onError, dryRun, onProgress } = options;
  const query = new URLSearchParams({ on_error: onError, format, ...(dryRun ? { dry_run: "true" } : {}), ...(format === "ratings" && options.pairs ? { pairs: options.pairs } : {}) });
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/v1/projects/${encodeURIComponent(slug)}/items?${query}`);
    xhr.setRequestHeader("Content-Type", IMPORT_CONTENT_TYPES[format]);
    xhr.responseType = "text";
    xhr.upload.onprogress = (event) => onProgress({ phase: "uploading", loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    // The body is on the server; now it checks every line and inserts.
    xhr.upload.onload = () => onProgress({ phase: "importing" });
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      const report = body && typeof body === "object" && "imported" in body ? (body as ImportReportJson) : null;
      resolve({ status: xhr.status, report, message: errorMessageOf(body) ?? (xhr.status >= 400 ? `The server answered ${xhr.status}.` : null) });
    };
    xhr.onerror = () => resolve({ status: 0, report: null, message: "The upload failed: the connection broke. Nothing is lost; try again." });
    xhr.send(file);
  });
}
