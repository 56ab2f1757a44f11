"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { ProgressBar } from "@/components/ui/progress-bar";
import { inputClass } from "@/components/ui/field";
import { readErrorMessage } from "@/lib/http/read-error-message";
import { DATASET_FORMAT_HINTS, IMPORT_ACCEPT, IMPORT_CONTENT_TYPES, IMPORT_FORMAT_LABELS, formatOfFileName, importFormats, type ImportFormat } from "@/lib/validations/import-format";
import type { ImportPreviewJson, ImportReportJson } from "@/lib/validations/item-import";
import { PreviewTable } from "./preview-table";
import { ImportReportView } from "./import-report";
import { uploadItems, type UploadProgress } from "./upload-items";

const PREVIEW_BYTES = 64 * 1024;

function describeSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} KB`;
  return `${(bytes / 1e6).toLocaleString("en-US", { maximumFractionDigits: 1 })} MB`;
}

type Preview = { state: "none" } | { state: "loading" } | { state: "ready"; data: ImportPreviewJson } | { state: "failed"; message: string };
type Run = { state: "idle" } | { state: "running"; progress: UploadProgress } | { state: "done"; report: ImportReportJson } | { state: "failed"; message: string };

/** Pick a file, see its first rows, then upload it with a progress bar and read the report. */
export function ImportForm({ slug }: { slug: string }) {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<ImportFormat>("jsonl");
  const [preview, setPreview] = useState<Preview>({ state: "none" });
  const [skipBad, setSkipBad] = useState(false);
  const [pairs, setPairs] = useState<"all" | "best-vs-rest" | "adjacent">("all");
  const [run, setRun] = useState<Run>({ state: "idle" });

  async function loadPreview(chosen: File, chosenFormat: ImportFormat, chosenPairs = pairs) {
    setPreview({ state: "loading" });
    // Only the start of the file travels for the preview, never the whole file.
    const slice = chosen.slice(0, PREVIEW_BYTES);
    const truncated = chosen.size > PREVIEW_BYTES ? "1" : "0";
    try {
      const response = await fetch(`/admin/projects/${encodeURIComponent(slug)}/import/preview?format=${chosenFormat}&truncated=${truncated}${chosenFormat === "ratings" ? `&pairs=${chosenPairs}` : ""}`, {
        method: "POST",
        headers: { "Content-Type": IMPORT_CONTENT_TYPES[chosenFormat] },
        body: slice,
      });
      if (!response.ok) setPreview({ state: "failed", message: await readErrorMessage(response) });
      else setPreview({ state: "ready", data: (await response.json()) as ImportPreviewJson });
    } catch {
      setPreview({ state: "failed", message: "The preview could not be loaded. You can still import the file." });
    }
  }

  function choose(chosen: File | null) {
    setFile(chosen);
    setRun({ state: "idle" });
    if (!chosen) return setPreview({ state: "none" });
    // A dataset format chosen first stays chosen: a .jsonl name says nothing about hh or trl.
    const detected = DATASET_FORMAT_HINTS[format] ? format : (formatOfFileName(chosen.name) ?? format);
    setFormat(detected);
    void loadPreview(chosen, detected);
  }

  async function start(dryRun: boolean) {
    if (!file) return;
    setRun({ state: "running", progress: { phase: "uploading", loaded: 0, total: file.size } });
    const result = await uploadItems({ slug, file, format, onError: skipBad ? "skip" : "abort", dryRun, pairs, onProgress: (progress) => setRun({ state: "running", progress }) });
    if (result.report) {
      setRun({ state: "done", report: result.report });
      if (result.report.imported > 0 && !result.report.dry_run) router.refresh();
      requestAnimationFrame(() => document.getElementById("import-report")?.focus());
    } else setRun({ state: "failed", message: result.message ?? "The import failed." });
  }

  const running = run.state === "running";
  return (
    <div className="space-y-4">
      <div className="grid gap-3 rounded-lg border border-gray-200 bg-white p-4 sm:grid-cols-[minmax(0,1fr)_12rem]">
        <label className="block">
          <span className="text-sm font-medium">File</span>
          <input
            type="file"
            accept={IMPORT_ACCEPT}
            disabled={running}
            onChange={(event) => choose(event.target.files?.[0] ?? null)}
            className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border file:border-gray-300 file:bg-white file:px-3 file:py-1.5 file:text-sm"
          />
        </label>
        <label className="block">
          <span className="text-sm font-medium">Format</span>
          <select
            className={`${inputClass} mt-1`}
            value={format}
            disabled={running}
            onChange={(event) => {
              const next = event.target.value as ImportFormat;
              setFormat(next);
              if (file) void loadPreview(file, next);
            }}
          >
            {importFormats.map((option) => (
              <option key={option} value={option}>
                {IMPORT_FORMAT_LABELS[option]}
              </option>
            ))}
          </select>
        </label>
        {DATASET_FORMAT_HINTS[format] ? (
          <div className="space-y-2 text-xs text-gray-700 sm:col-span-2">
            <p>
              {DATASET_FORMAT_HINTS[format]} Each record&apos;s own label is kept as a reference judgment by <code>source:{format}</code>: never shown to
              annotators and never counted, but compared with their consensus on the agreement page. Sides A and B are assigned at random.
            </p>
            {format === "ratings" ? (
              <label className="flex flex-wrap items-center gap-2">
                <span className="font-medium">Pairs</span>
                <select className={`${inputClass} max-w-xs`} value={pairs} disabled={running} onChange={(event) => {
                    const next = event.target.value as typeof pairs;
                    setPairs(next);
                    if (file) void loadPreview(file, format, next);
                  }}>
                  <option value="all">every pair (K(K−1)/2 items)</option>
                  <option value="best-vs-rest">best against each other (K−1 items)</option>
                  <option value="adjacent">neighbours in score order (K−1 items)</option>
                </select>
              </label>
            ) : null}
          </div>
        ) : null}
        {file ? (
          <p className="text-xs text-gray-600 sm:col-span-2">
            {file.name} · {describeSize(file.size)}
          </p>
        ) : null}
      </div>

      {preview.state !== "none" ? (
        <section aria-labelledby="preview-title" aria-busy={preview.state === "loading"}>
          <h3 id="preview-title" className="text-base font-semibold">
            Preview of the first rows
          </h3>
          {preview.state === "loading" ? <p className="mt-1 text-sm text-gray-600">Reading the start of the file…</p> : null}
          {preview.state === "failed" ? (
            <p role="alert" className="mt-1 text-sm text-red-800">
              {preview.message}
            </p>
          ) : null}
          {preview.state === "ready" ? (
            preview.data.entries.length ? (
              <div className="mt-2">
                <PreviewTable entries={preview.data.entries} />
                {preview.data.entries.some((e) => "error" in e) ? (
                  <p className="mt-1 text-xs text-gray-700">Bad lines are shown as they will be reported. The import checks the whole file.</p>
                ) : null}
              </div>
            ) : (
              <p className="mt-1 text-sm text-gray-700">
                {preview.data.truncated ? "The first record is longer than the 64 KB preview; the import will still check it." : "The file holds no items."}
              </p>
            )
          ) : null}
        </section>
      ) : null}

      {file ? (
        <div className="space-y-3 rounded-lg border border-gray-200 bg-white p-4">
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" className="mt-0.5 size-4" checked={skipBad} disabled={running} onChange={(e) => setSkipBad(e.target.checked)} />
            <span>
              <span className="font-medium">Skip bad lines</span>
              <span className="block text-gray-600">Import the good lines and report the bad ones. Unticked, a file with any bad line imports nothing.</span>
            </span>
          </label>
          <div className="flex flex-wrap gap-2">
            <Button variant="primary" disabled={running} onClick={() => start(false)}>
              Import
            </Button>
            <Button disabled={running} onClick={() => start(true)}>
              Check the whole file first
            </Button>
          </div>
          {run.state === "running" ? (
            <div role="status" aria-live="polite" className="text-sm">
              {run.progress.phase === "uploading" ? (
                <>
                  <span>
                    Uploading… {Math.round((run.progress.loaded / Math.max(run.progress.total, 1)) * 100)}%
                  </span>
                  <ProgressBar value={run.progress.loaded} max={run.progress.total} label="Upload progress" />
                </>
              ) : (
                <span>Uploaded. Checking every line and importing… large files take a few seconds.</span>
              )}
            </div>
          ) : null}
          {run.state === "failed" ? (
            <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
              {run.message}
            </p>
          ) : null}
        </div>
      ) : null}

      {run.state === "done" ? <ImportReportView report={run.report} slug={slug} onError={skipBad ? "skip" : "abort"} /> : null}
    </div>
  );
}
