/**
 * The preference scale (docs/formats.md, "Preference"): an integer in −S..S,
 * negative favours A, positive favours B, 0 a tie. Pure functions, shared by
 * the annotation screen, the judgment rules and the exports.
 *
 * On screen, "A" is always the response shown on the left. When an assignment
 * is `swapped`, the item's own B is on the left, so the value clicked on
 * screen is negated before it is stored (toItemTerms) and negated back when a
 * stored judgment is shown again for undo (toDisplayTerms).
 */
export type Choice = "A" | "tie" | "B";

export type ScaleOption = {
  value: number;
  label: string;
  /** The digit that picks this option on the keyboard ("1" is leftmost); null past 9. */
  key: string | null;
};

export type ScaleSettings = { scale: number; allowTie: boolean };

function assertScale(scale: number): void {
  if (!Number.isInteger(scale) || scale < 1) {
    throw new RangeError(`scale must be a positive integer (got ${scale})`);
  }
}

/** "much better" at the top of the scale, "slightly better" at 1, plain "better" between. */
function strengthWords(magnitude: number, scale: number): string {
  if (scale === 1) return "better";
  if (magnitude === scale) return "much better";
  if (magnitude === 1) return "slightly better";
  if (scale === 3) return "better";
  return `better (strength ${magnitude})`;
}

/** The options in screen order, from "A much better" (−S) to "B much better" (+S). */
export function scaleLabels(scale: number, allowTie: boolean): ScaleOption[] {
  assertScale(scale);
  const options: ScaleOption[] = [];
  for (let value = -scale; value <= scale; value++) {
    if (value === 0 && !allowTie) continue;
    const label = value === 0 ? "Tie" : `${value < 0 ? "A" : "B"} ${strengthWords(Math.abs(value), scale)}`;
    options.push({ value, label, key: null });
  }
  return options.map((option, index) => ({ ...option, key: index < 9 ? String(index + 1) : null }));
}

export function choiceOf(preference: number): Choice {
  if (preference < 0) return "A";
  if (preference > 0) return "B";
  return "tie";
}

/** A readable problem naming the field, or null when the preference fits the project's scale. */
export function validatePreference(preference: unknown, settings: ScaleSettings): string | null {
  const { scale, allowTie } = settings;
  if (typeof preference !== "number" || !Number.isInteger(preference)) {
    return "preference: must be a whole number";
  }
  if (preference < -scale || preference > scale) {
    return `preference: must be between -${scale} and ${scale} (got ${preference})`;
  }
  if (preference === 0 && !allowTie) return "preference: this project does not allow ties (0)";
  return null;
}

/** What was clicked on screen (left = A) → the item's own A/B terms. */
export function toItemTerms(displayValue: number, swapped: boolean): number {
  // `v !== 0` keeps a tie at +0 (−0 would leak into JSON as 0 but fail Object.is).
  return swapped && displayValue !== 0 ? -displayValue : displayValue;
}

/** A stored preference (item terms) → what to highlight on screen for this assignment. */
export function toDisplayTerms(itemValue: number, swapped: boolean): number {
  return toItemTerms(itemValue, swapped);
}
