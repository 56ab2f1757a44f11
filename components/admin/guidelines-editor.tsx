"use client";

import { useEffect, useRef, useState } from "react";
import type { ServerAction } from "@/lib/validations/error-response";

/**
 * Guidelines in markdown with a live preview. The preview is rendered on the
 * server (renderMarkdown sanitizes it) through `preview`, debounced, so the
 * browser never turns markdown into HTML itself.
 */
export function GuidelinesEditor({
  value,
  onChange,
  preview,
}: {
  value: string;
  onChange: (value: string) => void;
  preview: ServerAction<{ text: string }, { html: string }>;
}) {
  const [html, setHtml] = useState<string>("");
  const [state, setState] = useState<"idle" | "rendering" | "failed">("idle");
  const latest = useRef(0);

  useEffect(() => {
    const ticket = ++latest.current;
    const timer = setTimeout(async () => {
      setState("rendering");
      const result = await preview({ text: value });
      if (ticket !== latest.current) return; // a newer edit is on its way
      if (result.ok) {
        setHtml(result.data.html);
        setState("idle");
      } else setState("failed");
    }, 350);
    return () => clearTimeout(timer);
  }, [value, preview]);

  return (
    <div className="grid gap-3 lg:grid-cols-2">
      <label className="block">
        <span className="text-sm font-medium">Guidelines (markdown)</span>
        <textarea
          value={value}
          onChange={(event) => onChange(event.target.value)}
          rows={16}
          aria-describedby="guidelines-hint"
          className="mt-1 w-full rounded-md border border-gray-300 bg-white px-2.5 py-2 font-mono text-sm leading-relaxed"
        />
        <span id="guidelines-hint" className="mt-1 block text-xs text-gray-600">
          Annotators see these before their first pair and can reopen them at any time. Every saved change is kept as a new version.
        </span>
      </label>
      <section aria-labelledby="guidelines-preview-title" className="min-w-0">
        <div className="flex items-center gap-2">
          <h3 id="guidelines-preview-title" className="text-sm font-medium">
            Preview
          </h3>
          <span className="text-xs text-gray-500" aria-live="polite">
            {state === "rendering" ? "updating…" : state === "failed" ? "preview unavailable" : ""}
          </span>
        </div>
        <div className="mt-1 max-h-[26rem] min-h-[10rem] overflow-auto rounded-md border border-gray-200 bg-white px-4 py-3">
          {value.trim() ? (
            <div className="prose-pw text-sm" dangerouslySetInnerHTML={{ __html: html }} />
          ) : (
            <p className="text-sm text-gray-500">Nothing written yet.</p>
          )}
        </div>
      </section>
    </div>
  );
}
