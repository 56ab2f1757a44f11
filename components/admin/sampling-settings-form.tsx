"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import type { ServerAction } from "@/lib/validations/error-response";
import type { ProjectSampling } from "@/lib/validations/project";

/**
 * Which open items annotators are served first (docs/formats.md, "Leaderboard
 * sampling"): its own small form and save, beside the main settings.
 */
export function SamplingSettingsForm({
  slug,
  initial,
  modelPairs,
  save,
}: {
  slug: string;
  initial: ProjectSampling;
  /** Distinct model pairs among the project's items (the option needs at least two to matter). */
  modelPairs: number;
  save: ServerAction<{ project: string; values: { sampling: ProjectSampling } }, { saved: boolean }>;
}) {
  const router = useRouter();
  const [sampling, setSampling] = useState<ProjectSampling>(initial);
  const [status, setStatus] = useState<{ kind: "idle" | "saving" | "saved" } | { kind: "error"; message: string }>({ kind: "idle" });

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setStatus({ kind: "saving" });
    const result = await save({ project: slug, values: { sampling } });
    if (!result.ok) return setStatus({ kind: "error", message: result.error });
    setStatus({ kind: "saved" });
    router.refresh();
  }

  return (
    <form onSubmit={submit} className="space-y-3" aria-labelledby="sampling-title">
      <Field
        label="Serve first"
        hint={
          `Leaderboard sampling serves first the items of the model pair whose order on the leaderboard is least settled ` +
          `(adjacent in the ranking and not yet told apart, fewest comparisons first), so new judgments narrow the ranking ` +
          `most. The project's items pit ${modelPairs} distinct pair${modelPairs === 1 ? "" : "s"} of models against each other.`
        }
        hintId="sampling-hint"
      >
        <select className={inputClass} value={sampling} aria-describedby="sampling-hint" onChange={(e) => setSampling(e.target.value as ProjectSampling)}>
          <option value="uniform">Fewest judgments, then oldest (uniform)</option>
          <option value="leaderboard">The least settled model pair (leaderboard sampling)</option>
        </select>
      </Field>
      {status.kind === "error" ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
          {status.message}
        </p>
      ) : null}
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" disabled={status.kind === "saving"}>
          {status.kind === "saving" ? "Saving…" : "Save sampling"}
        </Button>
        <span role="status" className="text-sm text-gray-700">
          {status.kind === "saved" ? "Saved." : ""}
        </span>
      </div>
    </form>
  );
}
