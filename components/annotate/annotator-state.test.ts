import { describe, expect, it } from "vitest";
import { initialState, reducer, heldItemIds, type State, type Action } from "./annotator-state";
import type { PairView } from "@/lib/validations/annotate-response";

const pair = (id: string, swapped = false): PairView => ({
  item_id: id, swapped, prompt_turns: [{ role: "user", html: "<p>q</p>" }], left_html: "<p>l</p>", right_html: "<p>r</p>", lease_expires_at: null,
});
const submit = (clientId: string, now = 1000): Action => ({ type: "submit", now, clientId, requireRationale: false, attributeKeys: [] });
function run(state: State, ...actions: Action[]): State {
  return actions.reduce(reducer, state);
}

describe("annotation screen reducer", () => {
  it("shows the first pair, queues the prefetched one, and moves on at once after a submit", () => {
    let s = run(initialState(0), { type: "pair-loaded", pair: pair("a"), now: 0 }, { type: "pair-loaded", pair: pair("b"), now: 0 });
    expect(s.current?.item_id).toBe("a");
    expect(heldItemIds(s)).toEqual(["a", "b"]);
    s = run(s, { type: "select", display: -2 }, submit("c1", 1500));
    expect(s.current?.item_id).toBe("b");
    expect(s.outbox).toHaveLength(1);
    expect(s.outbox[0]?.body).toMatchObject({ item_id: "a", preference: -2, client_id: "c1", duration_ms: 1500 });
    expect(heldItemIds(s)).toEqual(["b", "a"]);
  });

  it("counts skips apart from judgments, and an edit after undo as neither", () => {
    let s = run(initialState(0), { type: "pair-loaded", pair: pair("a"), now: 0 }, { type: "pair-loaded", pair: pair("b"), now: 0 });
    s = run(s, { type: "skipped", now: 1 });
    expect(s.current?.item_id).toBe("b");
    expect([s.judgedCount, s.skippedCount]).toEqual([0, 1]);
    s = run(s, { type: "select", display: 1 }, submit("c1"), { type: "undo", now: 2 }, { type: "select", display: 2 }, submit("c2"));
    expect([s.judgedCount, s.skippedCount]).toEqual([1, 1]);
    s = run(s, { type: "skipped", now: 3 });
    expect(s.skippedCount).toBe(1);
  });

  it("stores the preference in the item's own terms when the sides were swapped", () => {
    const s = run(initialState(0), { type: "pair-loaded", pair: pair("a", true), now: 0 }, { type: "select", display: -3 }, submit("c1"));
    expect(s.outbox[0]?.body.preference).toBe(3);
  });

  it("refuses to submit without a choice, or without a required rationale", () => {
    let s = run(initialState(0), { type: "pair-loaded", pair: pair("a"), now: 0 }, submit("c1"));
    expect(s.formError).toMatch(/Choose/);
    expect(s.outbox).toHaveLength(0);
    s = run(s, { type: "select", display: 1 }, { type: "submit", now: 1, clientId: "c1", requireRationale: true, attributeKeys: [] });
    expect(s.formError).toMatch(/rationale/);
  });

  it("undo brings the last pair back with its answer, and a change while unsent replaces the queued judgment", () => {
    let s = run(initialState(0), { type: "pair-loaded", pair: pair("a", true), now: 0 }, { type: "pair-loaded", pair: pair("b"), now: 0 });
    s = run(s, { type: "select", display: 1 }, submit("c1"), { type: "undo", now: 2000 });
    expect(s.current?.item_id).toBe("a");
    expect(s.values.display).toBe(1); // shown as it was chosen on screen
    expect(s.queue.map((p) => p.item_id)).toEqual(["b"]);
    s = run(s, { type: "move", delta: -2, options: [-3, -2, -1, 0, 1, 2, 3] }, submit("ignored", 2500));
    expect(s.outbox).toHaveLength(1);
    expect(s.outbox[0]).toMatchObject({ method: "POST", body: { client_id: "c1", preference: 1 } });
    expect(s.judgedCount).toBe(1);
  });

  it("a change made while the first version was on the wire is sent afterwards as a PATCH", () => {
    let s = run(initialState(0), { type: "pair-loaded", pair: pair("a"), now: 0 }, { type: "select", display: 1 }, submit("c1"));
    const inFlight = s.outbox[0]!.body;
    s = run(s, { type: "undo", now: 10 }, { type: "select", display: -1 }, submit("x", 20));
    s = reducer(s, { type: "sent", body: inFlight });
    expect(s.outbox).toEqual([{ method: "PATCH", body: expect.objectContaining({ client_id: "c1", preference: -1 }) }]);
    s = reducer(s, { type: "sent", body: s.outbox[0]!.body });
    expect(s.outbox).toEqual([]);
  });

  it("is done when the server has nothing left and no pair is on screen", () => {
    let s = run(initialState(0), { type: "pair-loaded", pair: pair("a"), now: 0 }, { type: "pair-loaded", pair: null, now: 0 });
    expect(s.phase).toBe("judging");
    s = run(s, { type: "select", display: 0 }, submit("c1"));
    expect(s.phase).toBe("done");
  });

  it("arrows start from the middle and move toward the side they point to", () => {
    const loaded = run(initialState(0), { type: "pair-loaded", pair: pair("a"), now: 0 });
    const seven = [-3, -2, -1, 0, 1, 2, 3];
    expect(run(loaded, { type: "move", delta: -1, options: seven }).values.display).toBe(0);
    expect(run(loaded, { type: "move", delta: 1, options: seven }).values.display).toBe(0);
    expect(run(loaded, { type: "move", delta: 1, options: seven }, { type: "move", delta: -1, options: seven }).values.display).toBe(-1);
    const noTies = [-2, -1, 1, 2];
    expect(run(loaded, { type: "move", delta: -1, options: noTies }).values.display).toBe(-1);
    expect(run(loaded, { type: "move", delta: 1, options: noTies }).values.display).toBe(1);
  });

  it("names the keys of this scale and questions by their label", () => {
    const loaded = run(initialState(0), { type: "pair-loaded", pair: pair("a"), now: 0 });
    const s = reducer(loaded, { type: "submit", now: 1, clientId: "c", requireRationale: false, attributeKeys: [], keys: ["1", "2", "3", "4", "5"] });
    expect(s.formError).toContain("keys 1–5");
    const q = run(loaded, { type: "select", display: 1 }, { type: "submit", now: 1, clientId: "c", requireRationale: false, attributeKeys: ["safe"], attributeLabels: { safe: "Which is safer?" } });
    expect(q.formError).toContain("Which is safer?");
  });

  it("points each refusal at what is missing, with a new refusal each time the same thing is missing", () => {
    const loaded = run(initialState(0), { type: "pair-loaded", pair: pair("a"), now: 0 });
    expect(reducer(loaded, submit("c")).refusal).toEqual({ focusId: "annotate-pair" });
    const chosen = reducer(loaded, { type: "select", display: 1 });
    const ask = (s: State): State =>
      reducer(s, { type: "submit", now: 1, clientId: "c", requireRationale: true, attributeKeys: ["tone", "safe"], attributeLabels: { tone: "Tone", safe: "Safer?" } });
    const first = ask(chosen);
    expect(first.refusal).toEqual({ focusId: "annotate-rationale" });
    const again = ask(first);
    expect(again.formError).toBe(first.formError);
    expect(again.refusal).not.toBe(first.refusal);
    const questions = ask(run(chosen, { type: "rationale", text: "why" }, { type: "attribute", key: "tone", value: 2 }));
    expect(questions.refusal).toEqual({ focusId: "annotate-attribute-safe" });
    expect(questions.formError).toBe("Answer every question first (Safer?).");
    expect(questions.outbox).toHaveLength(0);
  });
});
