import { RATIONALE_ID } from "./focus-ids";
import type { ScaleOption } from "@/lib/scale/preference-scale";
import type { Action, Values } from "./annotator-state";

type Props = {
  options: ScaleOption[];
  attributes: { key: string; label: string; min: number; max: number }[];
  requireRationale: boolean;
  values: Values;
  formError: string | null;
  dispatch: (action: Action) => void;
  onSubmit: () => void;
  onUndo: () => void;
  onSkip: () => void;
};

/** The scale, the "both are bad" flag, attribute questions and the rationale, with their keys shown. */
export function JudgeBar({ options, attributes, requireRationale, values, formError, dispatch, onSubmit, onUndo, onSkip }: Props) {
  return (
    <div className="sticky bottom-0 z-10 shrink-0 border-t border-gray-200 bg-white px-3 py-2 shadow-[0_-2px_6px_rgba(0,0,0,0.04)] md:static md:px-4 md:py-3 md:shadow-none">
      <fieldset>
        <legend className="sr-only">Which response is better?</legend>
        <div role="radiogroup" aria-label="Which response is better?" className="flex gap-1 sm:gap-1.5">
          {options.map((option) => {
            const selected = values.display === option.value;
            const tone = option.value < 0 ? "A" : option.value > 0 ? "B" : "tie";
            return (
              <button
                key={option.value}
                type="button"
                role="radio"
                aria-checked={selected}
                onClick={() => dispatch({ type: "select", display: option.value })}
                aria-label={option.label}
                title={option.label}
                className={`flex min-w-0 flex-1 flex-col items-center justify-center gap-0.5 rounded-md border px-1 py-1 text-xs sm:flex-row sm:gap-1.5 sm:px-2.5 sm:py-1.5 sm:text-sm ${
                  selected
                    ? "border-gray-900 bg-gray-900 font-semibold text-white"
                    : `border-gray-300 bg-white hover:bg-gray-50 ${tone === "tie" ? "text-gray-700" : ""}`
                }`}
              >
                {option.key ? <kbd className={selected ? "bg-gray-700 text-white" : ""}>{option.key}</kbd> : null}
                <span className="hidden sm:inline">{option.label}</span>
                <span aria-hidden className="sm:hidden">{shortLabel(option.value)}</span>
                {selected ? <span aria-hidden className="hidden sm:inline">✓</span> : null}
              </button>
            );
          })}
        </div>
      </fieldset>
      {attributes.length ? (
        <div className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {attributes.map((attribute) => (
            <label key={attribute.key} className="flex items-center gap-1.5">
              <span>{attribute.label}</span>
              <select
                value={values.attributes[attribute.key] ?? ""}
                onChange={(e) => dispatch({ type: "attribute", key: attribute.key, value: Number(e.target.value) })}
                className="rounded border border-gray-300 px-1 py-0.5"
              >
                <option value="" disabled>
                  –
                </option>
                {Array.from({ length: attribute.max - attribute.min + 1 }, (_, i) => attribute.min + i).map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </div>
      ) : null}
      <div className="mt-2 flex flex-wrap items-start gap-2 md:flex-nowrap">
        <label className="flex shrink-0 items-center gap-2 text-sm">
          <input type="checkbox" checked={values.bothBad} onChange={() => dispatch({ type: "toggle-both-bad" })} className="h-4 w-4" />
          Both are bad <kbd>X</kbd>
        </label>
        <label className="order-last w-full min-w-0 md:order-none md:w-auto md:flex-1">
          <span className="sr-only">Rationale{requireRationale ? " (required)" : " (optional)"}</span>
          <textarea
            id={RATIONALE_ID}
            rows={1}
            value={values.rationale}
            onChange={(e) => dispatch({ type: "rationale", text: e.target.value })}
            placeholder={requireRationale ? "Why? (required) — R to focus" : "Why? (optional) — R to focus, Enter submits, Shift+Enter for a new line"}
            className="w-full resize-y rounded-md border border-gray-300 px-2 py-1.5 text-sm"
          />
        </label>
        <div className="flex shrink-0 gap-2">
          <button type="button" onClick={onUndo} className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm hover:bg-gray-50">
            Undo <kbd>U</kbd>
          </button>
          <button type="button" onClick={onSkip} className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm hover:bg-gray-50">
            Skip <kbd>S</kbd>
          </button>
          <button type="button" onClick={onSubmit} className="rounded-md bg-blue-700 px-4 py-1.5 text-sm font-semibold text-white hover:bg-blue-800">
            Submit <kbd className="border-blue-300 bg-blue-600 text-white">Enter</kbd>
          </button>
        </div>
      </div>
      {formError ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {formError}
        </p>
      ) : null}
    </div>
  );
}

/** Phone-width label: A+++ … Tie … B+++ (the full label is the button's accessible name). */
function shortLabel(value: number): string {
  if (value === 0) return "Tie";
  return `${value < 0 ? "A" : "B"}${"+".repeat(Math.abs(value))}`;
}
