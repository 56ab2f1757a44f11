"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { JudgmentImportReportJson } from "@/lib/validations/judgment-import";
import { errorMessageOf } from "@/lib/http/read-error-message";

type State = { phase: "idle" } | { phase: "busy" } | { phase: "done"; status: number; report: JudgmentImportReportJson | null; message: string | null };

/**
 * Uploads a raw-format JSONL file of judgments made elsewhere to the REST
 * import route (the session cookie authenticates it) and shows the report.
 */
export function MergeJudgmentsForm({ slug }: { slug: string }) {
  const [state, setState] = useState<State>({ phase: "idle" });

  async function submit(event: React.FormEvent<HTMLFormElement>, dryRun: boolean) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) {
      setState({ phase: "done", status: 0, report: null, message: "Choose a JSONL file first." });
      return;
    }
    const query = new URLSearchParams({ on_error: form.get("skip") ? "skip" : "abort", ...(dryRun ? { dry_run: "true" } : {}) });
    setState({ phase: "busy" });
    try {
      const response = await fetch(`/api/v1/projects/${encodeURIComponent(slug)}/judgments/import?${query}`, {
        method: "POST",
        headers: { "Content-Type": "application/x-ndjson" },
        body: file,
      });
      const body: unknown = await response.json().catch(() => null);
      const report = body && typeof body === "object" && "imported" in body ? (body as JudgmentImportReportJson) : null;
      setState({ phase: "done", status: response.status, report, message: errorMessageOf(body) ?? (response.ok ? null : `The server answered ${response.status}.`) });
    } catch {
      setState({ phase: "done", status: 0, report: null, message: "The upload failed: the connection broke. Nothing is lost; try again." });
    }
  }

  const busy = state.phase === "busy";
  return (
    <form onSubmit={(event) => submit(event, (event.nativeEvent as SubmitEvent).submitter?.getAttribute("value") === "dry")} className="space-y-3 rounded-lg border border-gray-200 bg-white p-4">
      <label className="block text-sm">
        <span className="font-medium">Judgments file (JSONL)</span>
        <input name="file" type="file" accept=".jsonl,.ndjson,application/x-ndjson" className="mt-1 block w-full text-sm" />
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="skip" />
        Skip bad lines (otherwise a file with any bad line imports nothing)
      </label>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" value="import" variant="primary" disabled={busy}>
          {busy ? "Importing…" : "Import judgments"}
        </Button>
        <Button type="submit" value="dry" disabled={busy}>
          Check only
        </Button>
      </div>
      <div aria-live="polite">{state.phase === "done" ? <ImportOutcome state={state} /> : null}</div>
    </form>
  );
}

function ImportOutcome({ state }: { state: Extract<State, { phase: "done" }> }) {
  const { report, message } = state;
  const plural = (n: number, word: string) => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;
  return (
    <div className="space-y-2 text-sm">
      {message ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-900">
          {message}
        </p>
      ) : null}
      {report ? (
        <>
          <p className="rounded-md border border-gray-200 bg-gray-50 px-3 py-2">
            {report.dry_run ? "Would import" : "Imported"} <strong>{plural(report.imported, "judgment")}</strong> from {plural(report.lines, "line")}
            {report.duplicates ? `; ${plural(report.duplicates, "judgment")} already here, left unchanged` : ""}
            {report.annotators_created ? `; ${plural(report.annotators_created, "external annotator")} ${report.dry_run ? "would be created" : "created"} (no login)` : ""}.
          </p>
          {report.errors.length ? (
            <div>
              <p className="font-medium">{plural(report.total_errors, "bad line")}:</p>
              <ul className="mt-1 max-h-64 overflow-y-auto rounded-md border border-gray-200 bg-white p-2 font-mono text-xs">
                {report.errors.map((error) => (
                  <li key={error.line}>
                    line {error.line}: {error.reason}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
