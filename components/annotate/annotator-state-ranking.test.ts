import { describe, expect, it } from "vitest";
import { initialState, reducer, type Action, type State } from "./annotator-state";
import type { PairView } from "@/lib/validations/annotate-response";
import type { RankingView } from "./annotate-view";
import { rankingKeyStep } from "./ranking-keys";

// Display order: card 1 shows item response 2, card 2 -> 0, card 3 -> 3, card 4 -> 1.
const ranking = (id: string): RankingView => ({
  kind: "ranking",
  item_id: id,
  prompt_turns: [{ role: "user", html: "<p>q</p>" }],
  responses: [2, 0, 3, 1].map((index) => ({ index, html: `<p>r${index}</p>` })),
  lease_expires_at: null,
});
const pair = (id: string): PairView => ({ item_id: id, swapped: false, prompt_turns: [], left_html: "", right_html: "", lease_expires_at: null });
const submit = (clientId: string, now = 1000): Action => ({ type: "submit", now, clientId, requireRationale: false, attributeKeys: [] });
const key = (k: string, allowTies = true): Action => ({ type: "rank", step: rankingKeyStep(k, 4, allowTies)! });
const run = (state: State, ...actions: Action[]) => actions.reduce(reducer, state);
const loaded = (...views: (PairView | RankingView)[]) => run(initialState(0), ...views.map((pair): Action => ({ type: "pair-loaded", pair, now: 0 })));

describe("annotation screen reducer, ranking items", () => {
  it("refuses a submit until K−1 responses are placed, saying how many are", () => {
    const s = run(loaded(ranking("r")), key("3"), key("1"), submit("c1"));
    expect(s.current?.item_id).toBe("r");
    expect(s.outbox).toHaveLength(0);
    expect(s.formError).toMatch(/2 of 4 placed/);
  });

  it("submits the ranking in item indices; with K−1 placed the last goes last", () => {
    const s = run(loaded(ranking("r"), pair("p")), key("3"), key("1"), key("4"), submit("c1"));
    expect(s.current?.item_id).toBe("p");
    expect(s.outbox[0]?.body).toMatchObject({ item_id: "r", ranking: [[3], [2], [1], [0]], client_id: "c1" });
    expect(s.outbox[0]?.body).not.toHaveProperty("preference");
  });

  it("keys: Backspace undoes a step, = ties with the previous, digits past K and repeats do nothing", () => {
    expect(rankingKeyStep("5", 4, true)).toBeNull();
    expect(rankingKeyStep("=", 4, false)).toBeNull();
    expect(rankingKeyStep("t", 4, false)).toBeNull();
    const s = run(loaded(ranking("r")), key("2"), key("4"), key("Backspace"), key("2"), key("="), key("3"), key("4"), key("1"), submit("c1"));
    expect(s.outbox[0]?.body.ranking).toEqual([[0, 3], [1], [2]]);
  });

  it("digits do not choose a scale option on a ranking item, and ranking actions do nothing on a pair", () => {
    let s = run(loaded(pair("p")), key("1"));
    expect(s.values.rank.tiers).toEqual([]);
    s = run(loaded(ranking("r")), { type: "select", display: -1 }, key("1"));
    expect(s.values.rank.tiers).toEqual([[0]]);
  });

  it("Undo of the judgment brings the ranking back to change it, sent again under the same client id", () => {
    let s = run(loaded(ranking("r"), pair("p")), key("1"), key("2"), key("3"), key("4"), submit("c1"));
    s = run(s, { type: "undo", now: 2000 });
    expect(s.current?.item_id).toBe("r");
    expect(s.values.rank.tiers).toEqual([[0], [1], [2], [3]]);
    s = run(s, { type: "rank", step: { op: "move-by", position: 3, delta: -1 } }, submit("c2", 2500));
    expect(s.outbox).toHaveLength(1);
    expect(s.outbox[0]?.body).toMatchObject({ client_id: "c1", ranking: [[2], [0], [1], [3]] });
  });
});
