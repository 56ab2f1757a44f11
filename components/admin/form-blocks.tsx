"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/validations/error-response";

export type SaveStatus = { kind: "idle" | "saving" | "saved" } | { kind: "error"; message: string; fields?: Record<string, string> };

/**
 * The save cycle the settings and project forms share: `submit` calls the
 * server action, shows "Saving…" meanwhile, then the refusal (with its
 * fields) or "Saved." and `onSaved` with the action's data.
 */
export function useSaveStatus<T>(save: () => Promise<ActionResult<T>>, onSaved: (data: T) => void) {
  const [status, setStatus] = useState<SaveStatus>({ kind: "idle" });
  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setStatus({ kind: "saving" });
    const result = await save();
    if (!result.ok) return setStatus({ kind: "error", message: result.error, fields: result.fields });
    setStatus({ kind: "saved" });
    onSaved(result.data);
  }
  return { status, submit };
}

/** The end of a saving form: the refusal as an alert, the submit button (busy while saving) and "Saved." as a live status. */
export function SaveBar({ status, label }: { status: SaveStatus; label: string }) {
  return (
    <>
      {status.kind === "error" ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
          {status.message}
        </p>
      ) : null}
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" disabled={status.kind === "saving"}>
          {status.kind === "saving" ? "Saving…" : label}
        </Button>
        <span role="status" className="text-sm text-gray-700">
          {status.kind === "saved" ? "Saved." : ""}
        </span>
      </div>
    </>
  );
}

/** A bordered group of a form's fields under its legend; `className` lays the fields out (a grid, a stack). */
export function FieldGroup({ legend, className, disabled, children }: { legend: string; className?: string; disabled?: boolean; children: React.ReactNode }) {
  return (
    <fieldset disabled={disabled} className={[className, "rounded-md border border-gray-200 bg-white p-3"].filter(Boolean).join(" ")}>
      <legend className="px-1 text-sm font-medium">{legend}</legend>
      {children}
    </fieldset>
  );
}
