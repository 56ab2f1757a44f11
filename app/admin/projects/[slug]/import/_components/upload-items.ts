import type { ImportReport } from "./preview-entry";

/** What each import format is sent as: the REST API refuses a cookie-authenticated body without a JSON, NDJSON or CSV type (CSRF). */
export const IMPORT_CONTENT_TYPES = { jsonl: "application/x-ndjson", json: "application/json", csv: "text/csv" } as const;

export type UploadProgress = { phase: "uploading"; loaded: number; total: number } | { phase: "importing" };

/**
 * Sends the whole file to the REST import route with XMLHttpRequest, because
 * fetch() cannot report upload progress. The session cookie authenticates it
 * (actorFromRequest falls back to the session when there is no bearer token).
 */
export function uploadItems(options: {
  slug: string;
  file: File;
  format: "jsonl" | "json" | "csv";
  onError: "abort" | "skip";
  dryRun: boolean;
  onProgress: (progress: UploadProgress) => void;
}): Promise<{ status: number; report: ImportReport | null; message: string | null }> {
  const { slug, file, format, onError, dryRun, onProgress } = options;
  const query = new URLSearchParams({ on_error: onError, format, ...(dryRun ? { dry_run: "true" } : {}) });
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/v1/projects/${encodeURIComponent(slug)}/items?${query}`);
    xhr.setRequestHeader("Content-Type", IMPORT_CONTENT_TYPES[format]);
    xhr.responseType = "text";
    xhr.upload.onprogress = (event) => onProgress({ phase: "uploading", loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    // The body is on the server; now it checks every line and inserts.
    xhr.upload.onload = () => onProgress({ phase: "importing" });
    xhr.onload = () => {
      let body: (ImportReport & { error?: { message: string } }) | { error?: { message: string } } | null = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      const report = body && "imported" in body ? body : null;
      resolve({ status: xhr.status, report, message: body?.error?.message ?? (xhr.status >= 400 ? `The server answered ${xhr.status}.` : null) });
    };
    xhr.onerror = () => resolve({ status: 0, report: null, message: "The upload failed: the connection broke. Nothing is lost; try again." });
    xhr.send(file);
  });
}
