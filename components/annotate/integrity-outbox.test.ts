import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { initialState, reducer, type Action, type State } from "./annotator-state";
import { readOutbox, writeOutbox } from "./outbox-storage";
import { submitJudgmentInput } from "@/lib/validations/judgment";
import type { PairView } from "@/lib/validations/annotate-response";

const pair = (id: string): PairView => ({ item_id: id, swapped: false, prompt_turns: [{ role: "user", html: "<p>q</p>" }], left_html: "<p>l</p>", right_html: "<p>r</p>", lease_expires_at: null });
const signals = { hidden_ms: 6_000, pastes: 1, pasted_chars: 42, choice_input: "touch" as const, choice_changes: 2 };

function judged(): State {
  const actions: Action[] = [
    { type: "pair-loaded", pair: pair("a"), now: 0 },
    { type: "select", display: 1 },
    { type: "submit", now: 9_000, clientId: "client-0001", requireRationale: false, attributeKeys: [], metadata: signals },
  ];
  return actions.reduce(reducer, initialState(0));
}

describe("integrity signals in the outbox", () => {
  beforeEach(() => {
    const map = new Map<string, string>();
    vi.stubGlobal("localStorage", { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => map.set(k, v), removeItem: (k: string) => map.delete(k) });
  });
  afterEach(() => vi.unstubAllGlobals());

  it("queues the signals with the judgment, in a body the server accepts", () => {
    const body = judged().outbox[0]!.body;
    expect(body.metadata).toEqual(signals);
    expect(submitJudgmentInput.parse(body).metadata).toEqual(signals);
  });

  it("adds up the signals of both visits when an unsent judgment is changed after Undo", () => {
    const actions: Action[] = [
      { type: "undo", now: 10_000 },
      { type: "select", display: -1 },
      { type: "submit", now: 12_000, clientId: "unused-0002", requireRationale: false, attributeKeys: [], metadata: { hidden_ms: 1_000, pastes: 0, pasted_chars: 0, choice_input: "key", choice_changes: 1 } },
    ];
    const state = actions.reduce(reducer, judged());
    expect(state.outbox).toHaveLength(1);
    expect(state.outbox[0]!.body).toMatchObject({ client_id: "client-0001", duration_ms: 11_000, metadata: { hidden_ms: 7_000, pastes: 1, pasted_chars: 42, choice_input: "key", choice_changes: 3 } });
  });

  it("keeps the same signals for every retry, across a reload", () => {
    writeOutbox("u1", "proj", judged().outbox);
    expect(readOutbox("u1", "proj")[0]!.body.metadata).toEqual(signals);
  });
});
