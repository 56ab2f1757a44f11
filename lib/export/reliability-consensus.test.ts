import { describe, expect, it } from "vitest";
import { reliabilityConsensusOf } from "./consensus";
import { trlLine } from "./format-trl";
import { hhLine } from "./format-hh";
import type { ExportItem } from "./types";

const item: ExportItem = { id: "i1", externalId: "q-1", prompt: "P", responseA: "RA", responseB: "RB", modelA: "ma", modelB: "mb", metadata: {} };
const judgments = [{ preference: -1 }, { preference: -1 }, { preference: 2 }];

describe("consensus by reliability", () => {
  it("follows the posterior even against the mean, with margin towards the chosen side and p_chosen", () => {
    expect(reliabilityConsensusOf([-1, -1, 2], [0.1, 0.1, 0.8])).toEqual({ mean: 0, choice: "B", margin: 0, agreement: 1 / 3, pChosen: 0.8 });
    expect(reliabilityConsensusOf([-3, -1, 2], [0.7, 0.1, 0.2])).toMatchObject({ choice: "A", margin: 2 / 3, agreement: 2 / 3, pChosen: 0.7 });
    expect(reliabilityConsensusOf([], [1, 0, 0])).toBeNull();
    const line = trlLine(item, judgments, { posterior: [0.1, 0.1, 0.8] })!;
    expect(line).toMatchObject({ chosen: "RB", rejected: "RA", chosen_model: "mb", p_chosen: 0.8, agreement: 1 / 3 });
    expect(hhLine(item, judgments, [0.1, 0.1, 0.8])).toEqual({ chosen: "\n\nHuman: P\n\nAssistant: RB", rejected: "\n\nHuman: P\n\nAssistant: RA", p_chosen: 0.8 });
  });

  it("treats a posterior favouring tie (or A = B) as a tie: dropped, or kept with A as chosen and A's probability", () => {
    expect(trlLine(item, judgments, { posterior: [0.3, 0.45, 0.25] })).toBeNull();
    expect(hhLine(item, judgments, [0.3, 0.45, 0.25])).toBeNull();
    expect(trlLine(item, judgments, { posterior: [0.4, 0.2, 0.4], ties: "keep" })).toMatchObject({ chosen: "RA", margin: 0, tie: true, p_chosen: 0.4 });
  });

  it("leaves the majority line as it was when there is no posterior", () => {
    const leaning = [{ preference: -1 }, { preference: -2 }, { preference: 1 }];
    expect(trlLine(item, leaning)).toMatchObject({ chosen: "RA", margin: 2 / 3 });
    expect(trlLine(item, leaning)).not.toHaveProperty("p_chosen");
    expect(JSON.stringify(trlLine(item, leaning, { posterior: null }))).toBe(JSON.stringify(trlLine(item, leaning)));
    expect(hhLine(item, [{ preference: 1 }])).toEqual({ chosen: "\n\nHuman: P\n\nAssistant: RB", rejected: "\n\nHuman: P\n\nAssistant: RA" });
  });
});
