import { describe, expect, it } from "vitest";
import { hhLine, hhTranscript } from "./format-hh";
import type { ExportItem } from "./types";

const item: ExportItem = {
  id: "i1",
  externalId: "q-1",
  prompt: "What is RLHF?",
  responseA: "Reinforcement learning from human feedback.",
  responseB: "No idea.",
  modelA: null,
  modelB: null,
  metadata: {},
};
const judged = (...preferences: number[]) => preferences.map((preference) => ({ preference }));

describe("hhLine", () => {
  it("writes Human/Assistant transcripts for a text prompt", () => {
    expect(hhLine(item, judged(-2, -1, 1))).toEqual({
      chosen: "\n\nHuman: What is RLHF?\n\nAssistant: Reinforcement learning from human feedback.",
      rejected: "\n\nHuman: What is RLHF?\n\nAssistant: No idea.",
    });
  });

  it("chooses B when the consensus favours B", () => {
    const line = hhLine(item, judged(3, -1));
    expect(line?.chosen.endsWith("\n\nAssistant: No idea.")).toBe(true);
    expect(line?.rejected.endsWith("\n\nAssistant: Reinforcement learning from human feedback.")).toBe(true);
  });

  it("drops ties and items without judgments", () => {
    expect(hhLine(item, judged(1, -1))).toBeNull();
    expect(hhLine(item, judged(0))).toBeNull();
    expect(hhLine(item, [])).toBeNull();
  });

  it("writes only the two keys of the HH format", () => {
    expect(Object.keys(hhLine(item, judged(1)) ?? {})).toEqual(["chosen", "rejected"]);
  });
});

describe("hhTranscript", () => {
  it("renders a chat turn by turn, the system message prepended to the first Human turn", () => {
    const prompt = [
      { role: "system", content: "You are terse." },
      { role: "user", content: "Hi" },
      { role: "assistant", content: "Hello." },
      { role: "user", content: "Explain RLHF." },
    ];
    expect(hhTranscript(prompt)).toBe("\n\nHuman: You are terse.\n\nHi\n\nAssistant: Hello.\n\nHuman: Explain RLHF.");
    expect(hhLine({ ...item, prompt }, judged(-1))?.chosen).toBe(
      "\n\nHuman: You are terse.\n\nHi\n\nAssistant: Hello.\n\nHuman: Explain RLHF.\n\nAssistant: Reinforcement learning from human feedback.",
    );
  });

  it("renders a chat without a system message", () => {
    expect(hhTranscript([{ role: "user", content: "Hi" }])).toBe("\n\nHuman: Hi");
  });

  it("keeps a later system message in place, before the Human turn that follows it", () => {
    const prompt = [
      { role: "user", content: "Hi" },
      { role: "assistant", content: "Hello." },
      { role: "system", content: "Now answer in French." },
      { role: "user", content: "Bye" },
    ];
    expect(hhTranscript(prompt)).toBe("\n\nHuman: Hi\n\nAssistant: Hello.\n\nHuman: Now answer in French.\n\nBye");
  });

  it("keeps a trailing system message as a Human turn rather than losing it", () => {
    expect(hhTranscript([{ role: "system", content: "Rules." }])).toBe("\n\nHuman: Rules.");
  });
});
