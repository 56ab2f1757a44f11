import { describe, expect, it } from "vitest";
import { consensusOf } from "./consensus";
import { trlLine } from "./format-trl";
import type { ExportItem } from "./types";

const item: ExportItem = {
  id: "i1",
  externalId: "q-0001",
  prompt: "Explain RLHF…",
  responseA: "answer A",
  responseB: "answer B",
  modelA: "model-x",
  modelB: "model-y",
  metadata: {},
};
const judged = (...preferences: number[]) => preferences.map((preference) => ({ preference }));

describe("consensusOf", () => {
  it("takes the mean, its side, its size and the share agreeing with that side", () => {
    expect(consensusOf([-3, -2, 1])).toEqual({ mean: -4 / 3, choice: "A", margin: 4 / 3, agreement: 2 / 3 });
    expect(consensusOf([2, 1, 2])).toEqual({ mean: 5 / 3, choice: "B", margin: 5 / 3, agreement: 1 });
  });

  it("calls a zero mean a tie, and counts tie judgments as agreeing with it", () => {
    expect(consensusOf([-1, 1])).toEqual({ mean: 0, choice: "tie", margin: 0, agreement: 0 });
    expect(consensusOf([0, 0, 2, -2])).toEqual({ mean: 0, choice: "tie", margin: 0, agreement: 0.5 });
  });

  it("counts ties as disagreeing with a side", () => {
    expect(consensusOf([0, 0, 1])?.agreement).toBeCloseTo(1 / 3, 12);
  });

  it("has no consensus without judgments", () => {
    expect(consensusOf([])).toBeNull();
  });
});

describe("trlLine", () => {
  it("writes the text-prompt line of docs/formats.md with A chosen", () => {
    const line = trlLine(item, judged(-3, -2, 1));
    expect(Object.keys(line ?? {})).toEqual(["prompt", "chosen", "rejected", "margin", "item_id", "n_judgments", "agreement", "both_bad", "chosen_model", "rejected_model"]);
    expect(line).toEqual({
      prompt: "Explain RLHF…",
      chosen: "answer A",
      rejected: "answer B",
      margin: 4 / 3,
      item_id: "q-0001",
      n_judgments: 3,
      agreement: 2 / 3,
      both_bad: 0,
      chosen_model: "model-x",
      rejected_model: "model-y",
    });
  });

  it("swaps chosen and rejected, and their models, when B wins", () => {
    expect(trlLine(item, judged(1, 2))).toMatchObject({ chosen: "answer B", rejected: "answer A", chosen_model: "model-y", rejected_model: "model-x", margin: 1.5, agreement: 1 });
  });

  it("writes a chat prompt as the message list and responses as assistant turns", () => {
    const prompt = [{ role: "system", content: "Be brief." }, { role: "user", content: "Hi" }];
    const line = trlLine({ ...item, prompt, modelA: null }, judged(-1));
    expect(line?.prompt).toEqual(prompt);
    expect(line?.chosen).toEqual([{ role: "assistant", content: "answer A" }]);
    expect(line?.rejected).toEqual([{ role: "assistant", content: "answer B" }]);
    expect(line?.chosen_model).toBeNull();
  });

  it("drops ties by default and with ties=drop", () => {
    expect(trlLine(item, judged(-1, 1))).toBeNull();
    expect(trlLine(item, judged(0, 0), { ties: "drop" })).toBeNull();
  });

  it("keeps ties with ties=keep: A as chosen, margin 0, tie true", () => {
    const line = trlLine(item, judged(-2, 2, 0), { ties: "keep" });
    expect(line).toMatchObject({ chosen: "answer A", rejected: "answer B", margin: 0, tie: true, n_judgments: 3, agreement: 1 / 3 });
    expect(Object.keys(line ?? {}).at(-1)).toBe("tie");
    expect(trlLine(item, judged(-2), { ties: "keep" })).not.toHaveProperty("tie");
  });

  it("writes nothing for an item without judgments", () => {
    expect(trlLine(item, [])).toBeNull();
  });
});
