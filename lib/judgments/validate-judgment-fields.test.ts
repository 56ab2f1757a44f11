import { describe, expect, it } from "vitest";
import { validateJudgmentFields } from "./validate-judgment-fields";

const project = {
  scale: 3,
  allowTie: true,
  requireRationale: false,
  attributes: [{ key: "helpfulness_a", label: "Helpfulness of A", min: 1, max: 5 }],
};

describe("validateJudgmentFields", () => {
  it("accepts a valid judgment, with or without attribute answers", () => {
    expect(validateJudgmentFields(project, { preference: -3, rationale: "", attributes: { helpfulness_a: 1 } })).toEqual([]);
    expect(validateJudgmentFields(project, { preference: 0 })).toEqual([]);
  });

  it("names every field that is wrong", () => {
    expect(
      validateJudgmentFields(
        { ...project, requireRationale: true },
        { preference: 7, rationale: "", attributes: { helpfulness_a: 0, length: 2 } },
      ),
    ).toEqual([
      "preference: must be between -3 and 3 (got 7)",
      "rationale: this project asks for a rationale with every judgment",
      "attributes.helpfulness_a: must be a whole number from 1 to 5 (got 0)",
      "attributes.length: not a question of this project (expected one of helpfulness_a)",
    ]);
  });

  it("refuses any attribute answer when the project asks none, or its questions are malformed", () => {
    for (const attributes of [[], "nonsense", null, [{ key: "x" }]]) {
      expect(validateJudgmentFields({ ...project, attributes }, { preference: 1, attributes: { x: 1 } })).toEqual([
        "attributes.x: not a question of this project (it asks none)",
      ]);
    }
  });
});
