"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Field, inputClass } from "@/components/ui/field";
import type { ServerAction } from "@/lib/validations/error-response";
import { FieldGroup, SaveBar, useSaveStatus } from "./form-blocks";

export type QualitySettingsValues = {
  gold_rate: number;
  qualification_items: number;
  qualification_pass_mark: number;
  gold_feedback: "training" | "audit";
  pause_below_accuracy: number | null;
  pause_min_gold: number;
  gold_window: number;
  recheck_rate: number;
  recheck_min_gap: number;
};

/**
 * The project's quality controls (docs/formats.md, "Gold, qualification and
 * re-checks"): its own form and save, beside the main settings form. Rates
 * and marks are shown as percentages and saved as fractions.
 */
export function QualitySettingsForm({
  slug,
  initial,
  goldItems,
  save,
}: {
  slug: string;
  initial: QualitySettingsValues;
  goldItems: number;
  save: ServerAction<{ project: string; values: QualitySettingsValues }, { saved: boolean }>;
}) {
  const router = useRouter();
  const [values, setValues] = useState(initial);
  const set = <K extends keyof QualitySettingsValues>(key: K, value: QualitySettingsValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const percent = (fraction: number) => Math.round(fraction * 100);
  const { status, submit } = useSaveStatus(() => save({ project: slug, values }), () => router.refresh());

  return (
    <form onSubmit={submit} className="space-y-4" aria-labelledby="quality-title">
      <p className="text-sm text-gray-700">
        The project has {goldItems} gold item{goldItems === 1 ? "" : "s"} (items imported with <code>gold_preference</code>). Gold items
        and re-checks look like any other pair and are never counted in overlap, agreement, the leaderboard or exports.
      </p>
      <FieldGroup legend="Gold items" className="grid gap-4 sm:grid-cols-3">
        <Field label="Gold rate (1 in N pairs)" hint="0 turns gold items off; otherwise 2 to 1000." hintId="gold-rate-hint">
          <input type="number" min={0} max={1000} className={inputClass} value={values.gold_rate} aria-describedby="gold-rate-hint" onChange={(e) => set("gold_rate", Number(e.target.value))} required />
        </Field>
        <Field label="After a gold item" hint="Training shows the expected answer and its explanation." hintId="gold-feedback-hint">
          <select className={inputClass} value={values.gold_feedback} aria-describedby="gold-feedback-hint" onChange={(e) => set("gold_feedback", e.target.value as "training" | "audit")}>
            <option value="audit">Show nothing (audit)</option>
            <option value="training">Show the answer (training)</option>
          </select>
        </Field>
      </FieldGroup>
      <FieldGroup legend="Qualification" className="grid gap-4 sm:grid-cols-3">
        <Field label="Qualification items" hint="New annotators first answer this many gold items (0: none)." hintId="qual-items-hint">
          <input type="number" min={0} max={100} className={inputClass} value={values.qualification_items} aria-describedby="qual-items-hint" onChange={(e) => set("qualification_items", Number(e.target.value))} required />
        </Field>
        <Field label="Pass mark (%)" hint="Share right needed to go on to real items." hintId="pass-mark-hint">
          <input type="number" min={0} max={100} className={inputClass} value={percent(values.qualification_pass_mark)} aria-describedby="pass-mark-hint" onChange={(e) => set("qualification_pass_mark", Number(e.target.value) / 100)} required />
        </Field>
      </FieldGroup>
      <FieldGroup legend="Automatic pause" className="grid gap-4 sm:grid-cols-3">
        <Field label="Pause below (%)" hint="Rolling gold accuracy; empty: never pause." hintId="pause-hint">
          <input
            type="number"
            min={0}
            max={100}
            className={inputClass}
            value={values.pause_below_accuracy === null ? "" : percent(values.pause_below_accuracy)}
            aria-describedby="pause-hint"
            onChange={(e) => set("pause_below_accuracy", e.target.value === "" ? null : Number(e.target.value) / 100)}
          />
        </Field>
        <Field label="After at least" hint="Gold answers before the pause can apply." hintId="pause-min-hint">
          <input type="number" min={1} max={1000} className={inputClass} value={values.pause_min_gold} aria-describedby="pause-min-hint" onChange={(e) => set("pause_min_gold", Number(e.target.value))} required />
        </Field>
        <Field label="Window" hint="The last N gold answers the accuracy reads." hintId="window-hint">
          <input type="number" min={1} max={1000} className={inputClass} value={values.gold_window} aria-describedby="window-hint" onChange={(e) => set("gold_window", Number(e.target.value))} required />
        </Field>
      </FieldGroup>
      <FieldGroup legend="Swapped re-checks" className="grid gap-4 sm:grid-cols-3">
        <Field label="Re-check share (%)" hint="Of each annotator's judgments, shown again with sides swapped (0 to 50)." hintId="recheck-hint">
          <input type="number" min={0} max={50} className={inputClass} value={percent(values.recheck_rate)} aria-describedby="recheck-hint" onChange={(e) => set("recheck_rate", Number(e.target.value) / 100)} required />
        </Field>
        <Field label="Minimum gap" hint="Their later judgments before one comes back." hintId="gap-hint">
          <input type="number" min={0} max={1000} className={inputClass} value={values.recheck_min_gap} aria-describedby="gap-hint" onChange={(e) => set("recheck_min_gap", Number(e.target.value))} required />
        </Field>
      </FieldGroup>
      <SaveBar status={status} label={"Save quality controls"} />
    </form>
  );
}
