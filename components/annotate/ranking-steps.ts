/**
 * The ranking an annotator builds on a ranking item, as a pure value
 * (README, "Ranking items"). Positions are 0-based DISPLAY positions (the
 * card numbered 1 is position 0); `toItemRanking` turns the result into the
 * item's own indices for the submit body. Every change pushes the previous
 * tiers on `past`, so Backspace undoes the last step, whatever it was (a
 * number pressed, a tie, a drag or an ↑/↓ move).
 */
export type RankState = {
  /** Tiers placed so far, best first; a tier of several is a tie. */
  tiers: number[][];
  /** The tie key was pressed: the next response placed joins the last tier. */
  tiePending: boolean;
  past: number[][][];
};

export const emptyRank: RankState = { tiers: [], tiePending: false, past: [] };

export function placedCount(state: RankState): number {
  return state.tiers.reduce((n, tier) => n + tier.length, 0);
}

/** The 0-based tier a display position is in, or null when not placed yet. */
export function tierIndexOf(state: RankState, position: number): number | null {
  const index = state.tiers.findIndex((tier) => tier.includes(position));
  return index < 0 ? null : index;
}

function change(state: RankState, tiers: number[][]): RankState {
  return { tiers, tiePending: false, past: [...state.past, state.tiers] };
}

/** Places `position` next (or, after the tie key, in the last tier). Ignored when it is placed already or out of range. */
export function place(state: RankState, position: number, k: number): RankState {
  if (position < 0 || position >= k || tierIndexOf(state, position) !== null) return state;
  const last = state.tiers.at(-1);
  if (state.tiePending && last) return change(state, [...state.tiers.slice(0, -1), [...last, position]]);
  return change(state, [...state.tiers, [position]]);
}

/** The tie key: arms (or disarms) "the next one ties with the previous". Only once something is placed and something is left. */
export function toggleTie(state: RankState, k: number): RankState {
  if (state.tiers.length === 0 || placedCount(state) >= k) return state;
  return { ...state, tiePending: !state.tiePending };
}

/** Backspace: first drops an armed tie key, otherwise goes back one step. */
export function undoStep(state: RankState): RankState {
  if (state.tiePending) return { ...state, tiePending: false };
  const previous = state.past.at(-1);
  if (!previous) return state;
  return { tiers: previous, tiePending: false, past: state.past.slice(0, -1) };
}

function without(tiers: number[][], position: number): number[][] {
  return tiers.map((tier) => tier.filter((p) => p !== position)).filter((tier) => tier.length > 0);
}

/**
 * Moves a placed response to be the `to`-th tier (0 = best) on its own, out
 * of any tie it was in (drag and drop on phones). Ignored when it is not placed.
 */
export function moveTo(state: RankState, position: number, to: number): RankState {
  if (tierIndexOf(state, position) === null) return state;
  const rest = without(state.tiers, position);
  const at = Math.max(0, Math.min(rest.length, to));
  const tiers = [...rest.slice(0, at), [position], ...rest.slice(at)];
  if (JSON.stringify(tiers) === JSON.stringify(state.tiers)) return state;
  return change(state, tiers);
}

/**
 * One place up (−1) or down (+1), the accessible fallback to dragging. A
 * response in a tie first steps out of it (just above or below the tie); a
 * response alone swaps with the neighbouring tier.
 */
export function moveBy(state: RankState, position: number, delta: -1 | 1): RankState {
  const index = tierIndexOf(state, position);
  if (index === null) return state;
  const tied = state.tiers[index]!.length > 1;
  if (tied) {
    const rest = without(state.tiers, position);
    const at = delta < 0 ? index : index + 1;
    return change(state, [...rest.slice(0, at), [position], ...rest.slice(at)]);
  }
  const target = index + delta;
  if (target < 0 || target >= state.tiers.length) return state;
  const tiers = [...state.tiers];
  [tiers[index], tiers[target]] = [tiers[target]!, tiers[index]!];
  return change(state, tiers);
}

/**
 * The full ranking, when it is complete enough to submit: all K placed, or
 * K−1 placed, when the one left goes last on its own. Null otherwise.
 */
export function completeTiers(state: RankState, k: number): number[][] | null {
  const placed = placedCount(state);
  if (placed === k) return state.tiers;
  if (placed !== k - 1) return null;
  const left = Array.from({ length: k }, (_, i) => i).find((p) => tierIndexOf(state, p) === null)!;
  return [...state.tiers, [left]];
}

/** Display-position tiers to the item's own indices (`indexOf[position]` is the item index shown there). */
export function toItemRanking(tiers: number[][], indexOf: readonly number[]): number[][] {
  return tiers.map((tier) =>
    tier.map((position) => {
      const index = indexOf[position];
      if (index === undefined) throw new Error(`No response is shown at position ${position + 1}.`);
      return index;
    }),
  );
}

/**
 * A stored ranking (item indices) back on screen, after Undo: as if placed
 * one response at a time (ties by the tie key), so Backspace peels it off
 * from the worst end, as it would have while building it.
 */
export function fromItemRanking(ranking: readonly number[][], indexOf: readonly number[]): RankState {
  const tiers = ranking
    .map((tier) => tier.map((index) => indexOf.indexOf(index)).filter((position) => position >= 0))
    .filter((tier) => tier.length > 0);
  const past: number[][][] = [];
  const built: number[][] = [];
  for (const tier of tiers) {
    tier.forEach((position, i) => {
      past.push(built.map((t) => [...t]));
      if (i === 0) built.push([position]);
      else built[built.length - 1]!.push(position);
    });
  }
  return { tiers, tiePending: false, past };
}

/** "3 > 1 = 2 > 4", with the numbers on the cards (display positions from 1). */
export function describeTiers(tiers: readonly number[][]): string {
  return tiers.map((tier) => tier.map((p) => p + 1).join(" = ")).join(" > ");
}

/** "1st", "2nd", "3rd", "4th"… for rank badges. */
export function ordinal(n: number): string {
  const mod100 = n % 100;
  if (mod100 >= 11 && mod100 <= 13) return `${n}th`;
  return `${n}${({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th"}`;
}

/** One change the screen asks for (keys, taps, drags), as the reducer's action carries it. */
export type RankOp =
  | { op: "place"; position: number }
  | { op: "tie" }
  | { op: "back" }
  | { op: "move-to"; position: number; to: number }
  | { op: "move-by"; position: number; delta: -1 | 1 };

export function applyRankOp(state: RankState, action: RankOp, k: number): RankState {
  switch (action.op) {
    case "place":
      return place(state, action.position, k);
    case "tie":
      return toggleTie(state, k);
    case "back":
      return undoStep(state);
    case "move-to":
      return moveTo(state, action.position, action.to);
    case "move-by":
      return moveBy(state, action.position, action.delta);
  }
}

/**
 * The integrity signals' "choice" on a ranking item (docs/formats.md,
 * "Integrity signals"): null until the ranking is complete (K−1 placed),
 * then one number per distinct complete ranking (digit p is the tier of
 * display position p), so `choice_changes` counts changes to a complete
 * ranking, not each step of building it.
 */
export function rankingChoiceCode(state: RankState, k: number): number | null {
  const tiers = completeTiers(state, k);
  if (!tiers) return null;
  let code = 0;
  tiers.forEach((tier, t) => tier.forEach((position) => (code += (t + 1) * 10 ** position)));
  return code;
}
