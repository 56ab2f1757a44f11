"use client";

import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { inputClass } from "@/components/ui/field";
import { FormField } from "@/components/ui/form-field";
import { useFocusFirstInvalid } from "@/components/ui/use-focus-first-invalid";
import type { ServerAction } from "@/lib/validations/error-response";
import { AttributeRows, type AttributeRow } from "./attribute-rows";
import { GuidelinesEditor } from "./guidelines-editor";
import { FieldGroup, SaveBar, useSaveStatus } from "./form-blocks";

export type ProjectFormValues = {
  name: string;
  slug: string;
  description: string;
  guidelines: string;
  scale: number;
  allow_tie: boolean;
  require_rationale: boolean;
  overlap: number;
  /** Adaptive overlap: k and K (both null: the fixed overlap). */
  overlap_min: number | null;
  overlap_max: number | null;
  stop_share: number;
  stop_on: "share" | "bound";
  lease_minutes: number;
  attributes: AttributeRow[];
  status: "DRAFT" | "ACTIVE" | "PAUSED" | "ARCHIVED";
};

const statuses = [
  { value: "DRAFT", hint: "being set up; no pairs handed out" },
  { value: "ACTIVE", hint: "annotators get pairs" },
  { value: "PAUSED", hint: "no pairs handed out for now" },
  { value: "ARCHIVED", hint: "finished; hidden from annotators" },
] as const;

function slugify(name: string): string {
  return name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
}

/**
 * Create or edit a project. The server action validates with the shared zod
 * schema; each refused field shows its message beside it (aria-invalid, red
 * border) and takes the focus, with a summary above the button.
 */
export function ProjectForm({
  mode,
  initial,
  save,
  preview,
  scaleLocked,
}: {
  mode: "create" | "edit";
  initial: ProjectFormValues;
  /** Create: `project` is null. Edit: the slug the project had when the page loaded. */
  save: ServerAction<{ project: string | null; values: ProjectFormValues }, { slug: string }>;
  preview: ServerAction<{ text: string }, { html: string }>;
  /** Judgments exist: the scale and ties can no longer change. */
  scaleLocked?: boolean;
}) {
  const router = useRouter();
  const [values, setValues] = useState(initial);
  const [slugTouched, setSlugTouched] = useState(mode === "edit");
  const { status, submit } = useSaveStatus(
    () => save({ project: mode === "edit" ? initial.slug : null, values }),
    (saved) => {
      if (mode === "create" || saved.slug !== initial.slug) router.push(`/admin/projects/${saved.slug}${mode === "edit" ? "/settings" : ""}`);
      else router.refresh();
    },
  );
  const formRef = useRef<HTMLFormElement>(null);
  const fieldErrors = status.kind === "error" ? status.fields : undefined;
  useFocusFirstInvalid(formRef, fieldErrors);
  const err = (name: string) => fieldErrors?.[name];
  const set = <K extends keyof ProjectFormValues>(key: K, value: ProjectFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const adaptive = values.overlap_min !== null || values.overlap_max !== null;

  return (
    <form ref={formRef} onSubmit={submit} className="space-y-5">
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField name="name" label="Name" error={err("name")}>
          {({ invalidClass, ...control }) => (
            <input
              {...control}
              className={`${inputClass} ${invalidClass}`}
              value={values.name}
              required
              maxLength={200}
              onChange={(e) => setValues((v) => ({ ...v, name: e.target.value, slug: slugTouched ? v.slug : slugify(e.target.value) }))}
            />
          )}
        </FormField>
        <FormField name="slug" label="Slug" hint="In URLs and the API: lowercase letters, digits and -." error={err("slug")}>
          {({ invalidClass, ...control }) => (
            <input
              {...control}
              className={`${inputClass} font-mono ${invalidClass}`}
              value={values.slug}
              required
              minLength={2}
              maxLength={60}
              // Browsers compile pattern with the v flag, where "-" inside a class must be escaped.
              pattern="[a-z0-9\-]+"
              title="Lowercase letters, digits and -"
              onChange={(e) => {
                setSlugTouched(true);
                set("slug", e.target.value);
              }}
            />
          )}
        </FormField>
      </div>
      <FormField name="description" label="Description" hint="One or two lines annotators see in their project list." error={err("description")}>
        {({ invalidClass, ...control }) => (
          <input {...control} className={`${inputClass} ${invalidClass}`} value={values.description} maxLength={2000} onChange={(e) => set("description", e.target.value)} />
        )}
      </FormField>

      <GuidelinesEditor value={values.guidelines} onChange={(text) => set("guidelines", text)} preview={preview} />

      <FieldGroup legend="Judging" className="grid gap-4 sm:grid-cols-3">
        <FormField name="scale" label="Scale S" hint={scaleLocked ? "Fixed: the project has judgments." : "Preferences run from −S (A much better) to S."} error={err("scale")}>
          {({ invalidClass, ...control }) => (
            <select {...control} className={`${inputClass} ${invalidClass}`} value={values.scale} disabled={scaleLocked} onChange={(e) => set("scale", Number(e.target.value))}>
              {[1, 2, 3, 4, 5].map((s) => (
                <option key={s} value={s}>
                  {s} ({s === 1 ? "A / B" : `−${s}…${s}`})
                </option>
              ))}
            </select>
          )}
        </FormField>
        {adaptive ? (
          <p className="text-sm text-gray-700">
            <span className="block font-medium text-gray-900">Overlap</span>
            Adaptive: {values.overlap_min ?? "?"} to {values.overlap_max ?? "?"} judgments per item (below).
          </p>
        ) : (
          <FormField name="overlap" label="Overlap" hint="Judgments wanted per item." error={err("overlap")}>
            {({ invalidClass, ...control }) => (
              <input {...control} type="number" min={1} max={50} className={`${inputClass} ${invalidClass}`} value={values.overlap} onChange={(e) => set("overlap", Number(e.target.value))} required />
            )}
          </FormField>
        )}
        <FormField name="lease_minutes" label="Lease (minutes)" hint="How long a pair stays reserved for one annotator." error={err("lease_minutes")}>
          {({ invalidClass, ...control }) => (
            <input {...control} type="number" min={1} max={1440} className={`${inputClass} ${invalidClass}`} value={values.lease_minutes} onChange={(e) => set("lease_minutes", Number(e.target.value))} required />
          )}
        </FormField>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={values.allow_tie} disabled={scaleLocked} onChange={(e) => set("allow_tie", e.target.checked)} className="size-4" />
          Ties allowed
        </label>
        <label className="flex items-center gap-2 text-sm sm:col-span-2">
          <input type="checkbox" checked={values.require_rationale} onChange={(e) => set("require_rationale", e.target.checked)} className="size-4" />
          Rationale required with every judgment
        </label>
      </FieldGroup>

      <FieldGroup legend="Adaptive overlap" className="space-y-3">
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            className="mt-0.5 size-4"
            checked={adaptive}
            onChange={(e) =>
              setValues((v) =>
                e.target.checked
                  ? { ...v, overlap_min: Math.min(2, v.overlap), overlap_max: Math.max(v.overlap, 2) }
                  : { ...v, overlap: v.overlap_max ?? v.overlap, overlap_min: null, overlap_max: null },
              )
            }
          />
          <span>
            Stop early when judgments agree
            <span className="block text-xs text-gray-600">
              Every item gets at least k judgments; one that is unanimous then is finished, otherwise it is offered once more at a time
              until its judgments agree enough or it has K.
            </span>
          </span>
        </label>
        {adaptive ? (
          <div className="grid gap-4 sm:grid-cols-4">
            <FormField name="overlap_min" label="Minimum k" hint="Judgments every item gets." error={err("overlap_min")}>
              {({ invalidClass, ...control }) => (
                <input {...control} type="number" min={1} max={50} className={`${inputClass} ${invalidClass}`} value={values.overlap_min ?? ""} onChange={(e) => set("overlap_min", e.target.value === "" ? null : Number(e.target.value))} required />
              )}
            </FormField>
            <FormField name="overlap_max" label="Maximum K" hint="Most judgments an item gets." error={err("overlap_max")}>
              {({ invalidClass, ...control }) => (
                <input {...control} type="number" min={1} max={50} className={`${inputClass} ${invalidClass}`} value={values.overlap_max ?? ""} onChange={(e) => set("overlap_max", e.target.value === "" ? null : Number(e.target.value))} required />
              )}
            </FormField>
            <FormField name="stop_share" label="Stop at share (%)" hint="Majority share that finishes an item (51 to 100)." error={err("stop_share")}>
              {({ invalidClass, ...control }) => (
                <input {...control} type="number" min={51} max={100} step="any" className={`${inputClass} ${invalidClass}`} value={Math.round(values.stop_share * 1000) / 10} onChange={(e) => set("stop_share", Number(e.target.value) / 100)} required />
              )}
            </FormField>
            <FormField name="stop_on" label="Judge the share by" hint="The lower 90% bound needs more judgments." error={err("stop_on")}>
              {({ invalidClass, ...control }) => (
                <select {...control} className={`${inputClass} ${invalidClass}`} value={values.stop_on} onChange={(e) => set("stop_on", e.target.value === "bound" ? "bound" : "share")}>
                  <option value="share">The share itself</option>
                  <option value="bound">Its lower 90% bound</option>
                </select>
              )}
            </FormField>
          </div>
        ) : null}
      </FieldGroup>

      <AttributeRows rows={values.attributes} onChange={(rows) => set("attributes", rows)} errors={fieldErrors} />

      <FieldGroup legend="Status">
        <div className="grid gap-2 sm:grid-cols-2">
          {statuses.map((s) => (
            <label key={s.value} className="flex items-start gap-2 text-sm">
              <input type="radio" name="status" value={s.value} checked={values.status === s.value} onChange={() => set("status", s.value)} className="mt-0.5 size-4" />
              <span>
                <span className="font-medium">{s.value.toLowerCase()}</span> <span className="text-gray-600">— {s.hint}</span>
              </span>
            </label>
          ))}
        </div>
      </FieldGroup>

      <SaveBar status={status} label={mode === "create" ? "Create project" : "Save changes"} />
    </form>
  );
}
