import { toItemTerms, toDisplayTerms } from "@/lib/scale/preference-scale";
import type { JudgmentBody } from "@/lib/validations/judgment";
import { isRankingView, type AnnotateView } from "./annotate-view";
import { applyRankOp, completeTiers, emptyRank, fromItemRanking, placedCount, toItemRanking, type RankOp, type RankState } from "./ranking-steps";
import { mergeSignals } from "./merge-signals";
import { PAIR_ID, RATIONALE_ID, attributeId } from "./focus-ids";

/**
 * The annotation screen as a pure reducer. The screen never waits for the
 * network: a submit moves the judgment to the outbox (sent and retried in the
 * background, kept in localStorage) and the prefetched pair appears at once.
 */
export type Values = {
  display: number | null;
  bothBad: boolean;
  rationale: string;
  attributes: Record<string, number>;
  /** On a ranking item: the order built so far, in display positions (ranking-steps.ts). */
  rank: RankState;
};
export type { JudgmentBody, AnnotateView };
export { isRankingView };
export type Outgoing = { method: "POST" | "PATCH"; body: JudgmentBody };
export type HistoryEntry = { pair: AnnotateView; body: JudgmentBody };

export type State = {
  phase: "loading" | "judging" | "done";
  current: AnnotateView | null;
  /** Set while re-judging an earlier pair after Undo: the judgment being changed. */
  editing: { clientId: string; durationMs: number } | null;
  queue: AnnotateView[];
  exhausted: boolean;
  values: Values;
  shownAt: number;
  history: HistoryEntry[];
  outbox: Outgoing[];
  judgedCount: number;
  /** Pairs skipped since the page loaded (the progress line counts them down). */
  skippedCount: number;
  formError: string | null;
  /**
   * The last refused submit: the id of the element that holds what is missing.
   * A new object on every refusal, so the screen moves focus there each time,
   * even when the message is the same as before.
   */
  refusal: { focusId: string } | null;
};

export type Action =
  | { type: "pair-loaded"; pair: AnnotateView | null; now: number }
  | { type: "rank"; step: RankOp }
  | { type: "select"; display: number }
  | { type: "move"; delta: number; options: number[] }
  | { type: "toggle-both-bad" }
  | { type: "rationale"; text: string }
  | { type: "attribute"; key: string; value: number }
  | {
      type: "submit"; now: number; clientId: string; requireRationale: boolean; attributeKeys: string[]; keys?: string[]; attributeLabels?: Record<string, string>;
      /** Integrity signals measured on the pair (use-integrity-signals.ts); queued with the body, so every retry sends the same. */
      metadata?: JudgmentBody["metadata"];
    }
  | { type: "sent"; body: JudgmentBody }
  | { type: "dropped"; clientId: string }
  | { type: "undo"; now: number; entry?: HistoryEntry }
  | { type: "skipped"; now: number }
  | { type: "restore-outbox"; outbox: Outgoing[] };

const emptyValues: Values = { display: null, bothBad: false, rationale: "", attributes: {}, rank: emptyRank };

export function initialState(now: number): State {
  return {
    phase: "loading", current: null, editing: null, queue: [], exhausted: false, values: emptyValues,
    shownAt: now, history: [], outbox: [], judgedCount: 0, skippedCount: 0, formError: null, refusal: null,
  };
}

/** Item ids the client holds (on screen, prefetched, or judged but unsent): never ask the server for them again. */
export function heldItemIds(state: State): string[] {
  const ids = [state.current?.item_id, ...state.queue.map((p) => p.item_id), ...state.outbox.map((o) => o.body.item_id)];
  return [...new Set(ids.filter((id): id is string => Boolean(id)))];
}

function advance(state: State, now: number): State {
  const [next, ...rest] = state.queue;
  if (next) return { ...state, current: next, queue: rest, phase: "judging", values: emptyValues, shownAt: now, editing: null, formError: null };
  return { ...state, current: null, queue: [], phase: state.exhausted ? "done" : "loading", values: emptyValues, editing: null, formError: null };
}

/** An unsent judgment changed after Undo: its integrity signals cover both visits to the pair (mergeSignals). */
function withEarlierSignals(body: JudgmentBody, earlier: JudgmentBody): JudgmentBody {
  if (!earlier.metadata || !body.metadata) return body;
  return { ...body, metadata: mergeSignals(earlier.metadata, body.metadata) };
}

export function reducer(state: State, action: Action): State {
  switch (action.type) {
    case "pair-loaded": {
      if (!action.pair) return { ...state, exhausted: true, phase: state.current ? state.phase : "done" };
      if (heldItemIds(state).includes(action.pair.item_id)) return state;
      if (!state.current) return { ...state, current: action.pair, phase: "judging", shownAt: action.now, values: emptyValues };
      return { ...state, queue: [...state.queue, action.pair] };
    }
    case "rank": {
      if (!isRankingView(state.current) || state.phase !== "judging") return state;
      const rank = applyRankOp(state.values.rank, action.step, state.current.responses.length);
      return rank === state.values.rank ? state : { ...state, values: { ...state.values, rank }, formError: null };
    }
    case "select":
      return { ...state, values: { ...state.values, display: action.display }, formError: null };
    case "move": {
      const { options } = action;
      // Options run from "A much better" (left) to "B much better" (right). With
      // nothing chosen, an arrow starts from the middle: the tie, or (ties off)
      // the weakest preference on the side the arrow points to.
      const next =
        state.values.display === null
          ? options.includes(0)
            ? 0
            : action.delta < 0
              ? options.filter((v) => v < 0).at(-1)
              : options.find((v) => v > 0)
          : options[Math.min(options.length - 1, Math.max(0, options.indexOf(state.values.display) + action.delta))];
      return next === undefined ? state : { ...state, values: { ...state.values, display: next }, formError: null };
    }
    case "toggle-both-bad":
      return { ...state, values: { ...state.values, bothBad: !state.values.bothBad } };
    case "rationale":
      return { ...state, values: { ...state.values, rationale: action.text } };
    case "attribute":
      return { ...state, values: { ...state.values, attributes: { ...state.values.attributes, [action.key]: action.value } } };
    case "submit": {
      const { current, values } = state;
      if (!current || state.phase !== "judging") return state;
      const ranking = isRankingView(current) ? completeTiers(values.rank, current.responses.length) : null;
      if (isRankingView(current) && !ranking) {
        const k = current.responses.length;
        return {
          ...state,
          formError: `Rank the responses first: press their numbers from best to worst (${placedCount(values.rank)} of ${k} placed; the last one goes last by itself).`,
          refusal: { focusId: PAIR_ID },
        };
      }
      if (!isRankingView(current) && values.display === null) {
        const keys = action.keys?.length ? `keys ${action.keys[0]}–${action.keys.at(-1)} or ← →` : "← →";
        return { ...state, formError: `Choose which response is better first (${keys}).`, refusal: { focusId: PAIR_ID } };
      }
      if (action.requireRationale && values.rationale.trim() === "")
        return { ...state, formError: "This project asks for a rationale: say briefly why.", refusal: { focusId: RATIONALE_ID } };
      const missing = action.attributeKeys.filter((key) => values.attributes[key] === undefined);
      if (missing.length)
        return {
          ...state,
          formError: `Answer every question first (${missing.map((key) => action.attributeLabels?.[key] ?? key).join(", ")}).`,
          refusal: { focusId: attributeId(missing[0]!) },
        };
      const elapsed = Math.max(0, Math.round(action.now - state.shownAt));
      const body: JudgmentBody = {
        item_id: current.item_id,
        ...(isRankingView(current)
          ? { ranking: toItemRanking(ranking!, current.responses.map((r) => r.index)) }
          : { preference: toItemTerms(values.display!, current.swapped) }),
        rationale: values.rationale.trim(),
        attributes: values.attributes,
        flags: values.bothBad ? ["both_bad"] : [],
        client_id: state.editing?.clientId ?? action.clientId,
        duration_ms: (state.editing?.durationMs ?? 0) + elapsed,
        ...(action.metadata ? { metadata: action.metadata } : {}),
      };
      // An edit of a judgment still in the outbox replaces it there; otherwise it is a PATCH.
      const unsentIndex = state.outbox.findIndex((o) => o.body.client_id === body.client_id);
      const outbox: Outgoing[] =
        unsentIndex >= 0
          ? state.outbox.map((o, i) => (i === unsentIndex ? { method: o.method, body: withEarlierSignals(body, o.body) } : o))
          : [...state.outbox, { method: state.editing ? "PATCH" : "POST", body }];
      const history = [...state.history.filter((h) => h.body.item_id !== body.item_id), { pair: current, body }].slice(-20);
      return advance({ ...state, outbox, history, judgedCount: state.judgedCount + (state.editing ? 0 : 1) }, action.now);
    }
    case "sent":
      // If the annotator changed this judgment while it was on the wire, the old
      // values were stored: keep the new ones queued as a PATCH.
      return {
        ...state,
        outbox: state.outbox.flatMap((o) => {
          if (o.body.client_id !== action.body.client_id) return [o];
          return o.body === action.body ? [] : [{ method: "PATCH" as const, body: o.body }];
        }),
      };
    case "dropped":
      return { ...state, outbox: state.outbox.filter((o) => o.body.client_id !== action.clientId) };
    case "undo": {
      const entry = action.entry ?? state.history[state.history.length - 1];
      if (!entry) return { ...state, formError: "Nothing to undo yet." };
      const queue = state.current ? [state.current, ...state.queue] : state.queue;
      return {
        ...state,
        phase: "judging",
        current: entry.pair,
        queue,
        history: state.history.filter((h) => h !== entry),
        editing: { clientId: entry.body.client_id, durationMs: entry.body.duration_ms },
        values: {
          display: isRankingView(entry.pair) || entry.body.preference === undefined ? null : toDisplayTerms(entry.body.preference, entry.pair.swapped),
          bothBad: entry.body.flags.includes("both_bad"),
          rationale: entry.body.rationale,
          attributes: entry.body.attributes,
          rank:
            isRankingView(entry.pair) && entry.body.ranking
              ? fromItemRanking(entry.body.ranking, entry.pair.responses.map((r) => r.index))
              : emptyRank,
        },
        shownAt: action.now,
        formError: null,
      };
    }
    case "skipped":
      return advance({ ...state, skippedCount: state.skippedCount + (state.current ? 1 : 0) }, action.now);
    case "restore-outbox": {
      const known = new Set(state.outbox.map((o) => o.body.client_id));
      return { ...state, outbox: [...state.outbox, ...action.outbox.filter((o) => !known.has(o.body.client_id))] };
    }
  }
}
