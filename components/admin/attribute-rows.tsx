"use client";

import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { FieldGroup } from "./form-blocks";

export type AttributeRow = { key: string; label: string; min: number; max: number };

/** Attribute questions asked beside the preference (e.g. helpfulness of A on 1–5): add, edit, remove rows. */
export function AttributeRows({
  rows,
  onChange,
  disabled,
  errors,
}: {
  rows: AttributeRow[];
  onChange: (rows: AttributeRow[]) => void;
  disabled?: boolean;
  /** The form's field errors (`attributes.0.key`, `attributes.0`, `attributes`), shown under their row. */
  errors?: Record<string, string>;
}) {
  const rowErrors = (index: number) => Object.entries(errors ?? {}).filter(([name]) => name === `attributes.${index}` || name.startsWith(`attributes.${index}.`));
  const invalid = (index: number, field: keyof AttributeRow) => {
    const own = errors?.[`attributes.${index}.${field}`] ?? ((field === "min" || field === "max") && errors?.[`attributes.${index}`]);
    return own ? { "aria-invalid": true as const, "aria-describedby": `attribute-${index}-errors` } : {};
  };
  const red = (index: number, field: keyof AttributeRow) => (invalid(index, field)["aria-invalid"] ? "border-red-600 ring-1 ring-red-600" : "");
  const update = (index: number, patch: Partial<AttributeRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <FieldGroup legend="Attribute questions" disabled={disabled}>
      <p className="text-xs text-gray-600">Optional ratings asked beside the preference. Keys use lowercase letters, digits and _.</p>
      {rows.length ? (
        <ul className="mt-2 space-y-2">
          {rows.map((row, index) => (
            <li key={index} className="grid grid-cols-2 gap-2 sm:grid-cols-[10rem_minmax(0,1fr)_5rem_5rem_auto] sm:items-end">
              <label className="block text-xs">
                Key
                <input {...invalid(index, "key")} className={`${inputClass} mt-0.5 font-mono ${red(index, "key")}`} value={row.key} onChange={(e) => update(index, { key: e.target.value })} placeholder="helpfulness_a" required />
              </label>
              <label className="block text-xs">
                Question
                <input {...invalid(index, "label")} className={`${inputClass} mt-0.5 ${red(index, "label")}`} value={row.label} onChange={(e) => update(index, { label: e.target.value })} placeholder="How helpful is A?" required />
              </label>
              <label className="block text-xs">
                Min
                <input type="number" {...invalid(index, "min")} className={`${inputClass} mt-0.5 ${red(index, "min")}`} value={row.min} onChange={(e) => update(index, { min: Number(e.target.value) })} required />
              </label>
              <label className="block text-xs">
                Max
                <input type="number" {...invalid(index, "max")} className={`${inputClass} mt-0.5 ${red(index, "max")}`} value={row.max} onChange={(e) => update(index, { max: Number(e.target.value) })} required />
              </label>
              <Button size="sm" variant="danger" onClick={() => onChange(rows.filter((_, i) => i !== index))} aria-label={`Remove question ${row.key || index + 1}`}>
                Remove
              </Button>
              {rowErrors(index).length ? (
                <ul id={`attribute-${index}-errors`} className="col-span-full text-sm font-medium text-red-800">
                  {rowErrors(index).map(([name, message]) => (
                    <li key={name}>{message}</li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {errors?.attributes ? <p className="mt-2 text-sm font-medium text-red-800">{errors.attributes}</p> : null}
      <Button size="sm" className="mt-2" onClick={() => onChange([...rows, { key: "", label: "", min: 1, max: 5 }])} disabled={rows.length >= 10}>
        Add a question
      </Button>
    </FieldGroup>
  );
}
