import { Field, inputClass } from "@/components/ui/field";
import { FormField } from "@/components/ui/form-field";
import { buttonClass } from "@/components/ui/button";

export type ExportFormValues = Partial<Record<"format" | "min_judgments" | "min_agreement" | "exclude_gold" | "ties" | "consensus" | "prompt_format" | "both_bad" | "from" | "to" | "identities" | "include_reference" | "source_agreement", string>>;

const formats = [
  { value: "raw", label: "raw", hint: "one line per judgment, every field" },
  { value: "trl", label: "trl", hint: "one line per item with a consensus: TRL RewardTrainer / DPOTrainer" },
  { value: "hh", label: "hh", hint: "Anthropic HH-RLHF transcripts (chosen / rejected)" },
  { value: "ranking", label: "ranking", hint: "one line per judgment of a ranking item: its ranking of the responses" },
  { value: "card", label: "card", hint: "the data card alone (JSON or markdown)" },
];

/**
 * The export's choices as a plain GET form: submitting reloads the page with
 * them in the address, where the server counts the lines and builds the card.
 * Works without JavaScript, and the address can be shared or bookmarked.
 */
export function ExportForm({
  values,
  canSeeIdentities,
  hasReferences,
  errors,
}: {
  values: ExportFormValues;
  canSeeIdentities: boolean;
  /** The project holds imported reference labels (hh, trl, ratings): offer the source options. */
  hasReferences: boolean;
  errors?: Record<string, string>;
}) {
  const format = values.format ?? "raw";
  // The page reloads with the errors: the first bad filter takes the focus.
  const firstBad = ["min_judgments", "min_agreement", "from", "to"].find((name) => errors?.[name]);
  return (
    <form method="get" className="space-y-4 rounded-lg border border-gray-200 bg-white p-4">
      <fieldset>
        <legend className="text-sm font-medium text-gray-900">Format</legend>
        <div className="mt-1.5 grid gap-2 sm:grid-cols-2 lg:grid-cols-4">
          {formats.map((f) => (
            <label key={f.value} className="flex cursor-pointer gap-2 rounded-md border border-gray-200 p-2 text-sm has-[:checked]:border-blue-600 has-[:checked]:bg-blue-50">
              <input type="radio" name="format" value={f.value} defaultChecked={format === f.value} className="mt-0.5" />
              <span>
                <span className="font-mono font-semibold">{f.label}</span>
                <span className="block text-xs text-gray-600">{f.hint}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <legend className="mb-1.5 text-sm font-medium text-gray-900">Filters</legend>
        <FormField name="min_judgments" label="Minimum judgments per item" hint="Items with fewer are left out." error={errors?.min_judgments}>
          {({ invalidClass, ...control }) => (
            <input {...control} autoFocus={firstBad === "min_judgments"} name="min_judgments" type="number" min={1} max={1000} step={1} defaultValue={values.min_judgments ?? ""} className={`${inputClass} ${invalidClass}`} />
          )}
        </FormField>
        <FormField name="min_agreement" label="Minimum agreement (0–1)" hint="Share of an item's judgments that side with its consensus." error={errors?.min_agreement}>
          {({ invalidClass, ...control }) => (
            <input {...control} autoFocus={firstBad === "min_agreement"} name="min_agreement" type="number" min={0} max={1} step={0.01} defaultValue={values.min_agreement ?? ""} className={`${inputClass} ${invalidClass}`} />
          )}
        </FormField>
        <FormField name="from" label="Judged from (UTC)" hint="Judgments made on or after this day." error={errors?.from}>
          {({ invalidClass, ...control }) => <input {...control} autoFocus={firstBad === "from"} name="from" type="date" defaultValue={values.from ?? ""} className={`${inputClass} ${invalidClass}`} />}
        </FormField>
        <FormField name="to" label="Judged before (UTC)" hint="Judgments made before this day (not on it)." error={errors?.to}>
          {({ invalidClass, ...control }) => <input {...control} autoFocus={firstBad === "to"} name="to" type="date" defaultValue={values.to ?? ""} className={`${inputClass} ${invalidClass}`} />}
        </FormField>
        <Field label="trl prompt form" hint="One form for every line, as TRL requires. Auto: chat if any prompt is a chat.">
          <select name="prompt_format" defaultValue={values.prompt_format ?? "auto"} className={inputClass}>
            <option value="auto">auto</option>
            <option value="text">text (chats flattened)</option>
            <option value="chat">chat (text prompts as one user message)</option>
          </select>
        </Field>
        <Field label="trl / hh consensus" hint="Which side is chosen. Reliability weighs each annotator by the Dawid–Skene model and adds p_chosen.">
          <select name="consensus" defaultValue={values.consensus ?? "majority"} className={inputClass}>
            <option value="majority">majority (mean preference)</option>
            <option value="reliability">reliability (annotator-weighted posterior)</option>
            {hasReferences ? <option value="source">source (the imported dataset&apos;s own label)</option> : null}
          </select>
        </Field>
        {hasReferences ? (
          <Field label="Agreement with the source" hint="For imported datasets (hh, trl, ratings): keep only the items where the consensus agrees with the source's label (a cleaned dataset) or disagrees.">
            <select name="source_agreement" defaultValue={values.source_agreement ?? ""} className={inputClass}>
              <option value="">all items</option>
              <option value="agree">only where the crowd agrees with the source</option>
              <option value="disagree">only where the crowd overturns the source</option>
            </select>
          </Field>
        ) : null}
      </fieldset>
      <div className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
        <label className="flex items-center gap-2">
          <input type="checkbox" name="exclude_gold" value="true" defaultChecked={values.exclude_gold === "true"} />
          Leave out gold items
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="ties" value="keep" defaultChecked={values.ties === "keep"} />
          trl: keep items whose consensus is a tie (marked <code>&quot;tie&quot;: true</code>)
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="both_bad" value="drop" defaultChecked={values.both_bad === "drop"} />
          Leave out items at least half the judgments flag &quot;both bad&quot;
        </label>
        {hasReferences ? (
          <label className="flex items-center gap-2">
            <input type="checkbox" name="include_reference" value="true" defaultChecked={values.include_reference === "true"} />
            raw: add the imported source labels as lines by <code>source:…</code>
          </label>
        ) : null}
        {canSeeIdentities ? (
          <label className="flex items-center gap-2">
            <input type="checkbox" name="identities" value="true" defaultChecked={values.identities === "true"} />
            raw: annotators&apos; emails instead of pseudonyms (admins only; audited)
          </label>
        ) : null}
      </div>
      <button type="submit" className={buttonClass("primary")}>
        Count lines and prepare the download
      </button>
    </form>
  );
}
