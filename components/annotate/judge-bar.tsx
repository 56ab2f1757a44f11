"use client";

import { RATIONALE_ID, attributeId } from "./focus-ids";
import { shortScaleLabel } from "./scale-short-label";
import { NARROW_QUERY, useMediaQuery, useTouch } from "./use-touch";
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
  /** A ranking item: no scale (the order is built on the cards), and the flag reads "All are bad". */
  ranking?: boolean;
};

/**
 * The scale, the "both are bad" flag, attribute questions and the rationale,
 * with their keys shown. On phones the bar is sticky and compact: one row of
 * two-line choices (scale-short-label.ts), the actions in one short row, the
 * rationale below, and no key hints (hidden below 640 px, and on every touch
 * screen by app/globals.css).
 */
export function JudgeBar({ options, attributes, requireRationale, values, formError, dispatch, onSubmit, onUndo, onSkip, ranking }: Props) {
  // No key hints in the placeholder where none are shown (touch screens, and narrow ones where it would not fit).
  const touch = useTouch();
  const narrow = useMediaQuery(NARROW_QUERY);
  const scale = Math.max(1, ...options.map((o) => Math.abs(o.value)));
  const hint = "hidden sm:inline";
  return (
    <div
      data-testid="judge-bar"
      className="sticky bottom-0 z-10 shrink-0 border-t border-gray-200 bg-white px-3 py-1.5 shadow-[0_-2px_6px_rgba(0,0,0,0.06)] md:static md:px-4 md:py-3 md:shadow-none"
    >
      {ranking ? null : (
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
                className={`flex min-h-10 min-w-0 flex-1 flex-col items-center justify-center rounded-md border px-0.5 py-0.5 text-xs leading-tight sm:min-h-0 sm:flex-row sm:gap-1.5 sm:px-2.5 sm:py-1.5 sm:text-sm ${
                  selected
                    ? "border-gray-900 bg-gray-900 font-semibold text-white"
                    : `border-gray-300 bg-white hover:bg-gray-50 ${tone === "tie" ? "text-gray-700" : ""}`
                }`}
              >
                {option.key ? <kbd className={`${hint} ${selected ? "bg-gray-700 text-white" : ""}`}>{option.key}</kbd> : null}
                <span className="hidden sm:inline">{option.label}</span>
                <ShortLabel {...shortScaleLabel(option.value, scale)} />
                {selected ? <span aria-hidden className="hidden sm:inline">✓</span> : null}
              </button>
            );
          })}
        </div>
      </fieldset>
      )}
      {attributes.length ? (
        <div className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {attributes.map((attribute) => (
            <label key={attribute.key} className="flex items-center gap-1.5">
              <span>{attribute.label}</span>
              <select
                id={attributeId(attribute.key)}
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
      <div className="mt-1.5 flex flex-wrap items-center gap-1.5 sm:mt-2 sm:items-start sm:gap-2 md:flex-nowrap">
        <label className="mr-auto flex shrink-0 items-center gap-2 text-sm sm:mr-0">
          <input type="checkbox" checked={values.bothBad} onChange={() => dispatch({ type: "toggle-both-bad" })} className="h-4 w-4" />
          <span>
            {ranking ? "All" : "Both"}<span className="hidden sm:inline"> are</span> bad
          </span>{" "}
          <kbd className={hint}>X</kbd>
        </label>
        <label className="order-last w-full min-w-0 md:order-none md:w-auto md:flex-1">
          <span className="sr-only">Rationale{requireRationale ? " (required)" : " (optional)"}</span>
          <textarea
            id={RATIONALE_ID}
            rows={1}
            value={values.rationale}
            onChange={(e) => dispatch({ type: "rationale", text: e.target.value })}
            placeholder={
              touch || narrow
                ? `Why? (${requireRationale ? "required" : "optional"})`
                : requireRationale
                  ? "Why? (required) — R to focus"
                  : "Why? (optional) — R to focus, Enter submits, Shift+Enter for a new line"
            }
            className="w-full resize-y rounded-md border border-gray-300 px-2 py-1.5 text-sm"
          />
        </label>
        <div className="flex shrink-0 gap-1.5 sm:gap-2">
          <button type="button" onClick={onUndo} className="rounded-md border border-gray-300 bg-white px-2.5 py-1.5 text-sm hover:bg-gray-50 sm:px-3">
            Undo <kbd className={hint}>U</kbd>
          </button>
          <button type="button" onClick={onSkip} className="rounded-md border border-gray-300 bg-white px-2.5 py-1.5 text-sm hover:bg-gray-50 sm:px-3">
            Skip <kbd className={hint}>S</kbd>
          </button>
          <button type="button" onClick={onSubmit} className="rounded-md bg-blue-700 px-4 py-1.5 text-sm font-semibold text-white hover:bg-blue-800">
            Submit <kbd className={`${hint} border-blue-300 bg-blue-600 text-white`}>Enter</kbd>
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

/** Below 640 px: the side on one line, the strength in a word under it (the full label is the button's name). */
function ShortLabel({ side, word }: { side: "A" | "B" | null; word: string }) {
  return (
    <span aria-hidden className="flex flex-col items-center sm:hidden" data-short-label>
      {side ? <span className="text-sm font-semibold">{side}</span> : null}
      <span className={side ? "text-[11px]" : "text-sm font-semibold"}>{word}</span>
    </span>
  );
}
