/**
 * A scale option's label for a phone-width button (the full label, "A
 * slightly better", stays the button's accessible name and title). Two short
 * lines — the side, then a plain word for the strength — read at a glance,
 * where symbols such as "A+++" or "A ≫" had to be learnt: a crowd worker
 * sees "A / much", "A / better", "A / a bit", "Tie". Scales finer than ±3
 * number their middle steps ("2 of 5"). Pure, so it is tested without a browser.
 */
export function shortScaleLabel(value: number, scale: number): { side: "A" | "B" | null; word: string } {
  if (value === 0) return { side: null, word: "Tie" };
  const side = value < 0 ? "A" : "B";
  const magnitude = Math.abs(value);
  if (scale === 1) return { side, word: "better" };
  if (magnitude === scale) return { side, word: "much" };
  if (magnitude === 1) return { side, word: "a bit" };
  if (scale === 3) return { side, word: "better" };
  return { side, word: `${magnitude} of ${scale}` };
}
