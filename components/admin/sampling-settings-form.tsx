"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Field, inputClass } from "@/components/ui/field";
import type { ServerAction } from "@/lib/validations/error-response";
import type { ProjectSampling } from "@/lib/validations/project";
import { SaveBar, useSaveStatus } from "./form-blocks";

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
  const { status, submit } = useSaveStatus(() => save({ project: slug, values: { sampling } }), () => router.refresh());

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
      <SaveBar status={status} label={"Save sampling"} />
    </form>
  );
}
