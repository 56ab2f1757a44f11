import { describe, expect, it } from "vitest";
import { expandDatasetRecord, hhTextsOf, type DatasetOptions } from "./index";
import { swapFor } from "./common";
import type { DatasetRow } from "./common";

const opts: DatasetOptions = { seed: "test-seed" };

function rowsOf(result: ReturnType<typeof expandDatasetRecord>): DatasetRow[] {
  if ("error" in result) throw new Error(result.error);
  return result.rows;
}

/** The source's preferred response, read back through the reference (un-swapping). */
function preferredText(row: DatasetRow): string {
  expect(row.reference).not.toBeNull();
  return row.reference!.preference < 0 ? row.row.response_a : row.row.response_b;
}

// A real-looking HH-RLHF line: two human turns, quirks included (a double space, a trailing space, a blank line at the end).
const hhChosen =
  "\n\nHuman: What are some cuss words in english?\n\nAssistant: Here’s an incomplete list.\n\nAss, dick, bugger.\n\nHuman: What's your favorite one?\n\nAssistant:  I haven't even thought about it. \n";
const hhRejected =
  "\n\nHuman: What are some cuss words in english?\n\nAssistant: Here’s an incomplete list.\n\nAss, dick, bugger.\n\nHuman: What's your favorite one?\n\nAssistant: Ass.";

describe("hh", () => {
  it("splits a multi-turn transcript into a chat prompt and two responses, and rebuilds both transcripts byte for byte", () => {
    const [row] = rowsOf(expandDatasetRecord("hh", { chosen: hhChosen, rejected: hhRejected }, opts));
    expect(row!.row.prompt).toEqual([
      { role: "user", content: "What are some cuss words in english?" },
      { role: "assistant", content: "Here’s an incomplete list.\n\nAss, dick, bugger." },
      { role: "user", content: "What's your favorite one?" },
    ]);
    expect(preferredText(row!)).toBe("I haven't even thought about it.");
    expect(row!.reference!.source).toBe("hh");
    expect(row!.row.id).toMatch(/^hh-[0-9a-f]{16}$/);
    const texts = hhTextsOf({ prompt: row!.row.prompt, responseA: row!.row.response_a, responseB: row!.row.response_b, metadata: row!.row.metadata });
    const chosen = row!.reference!.preference < 0 ? texts!.a : texts!.b;
    const rejected = row!.reference!.preference < 0 ? texts!.b : texts!.a;
    expect(chosen).toBe(hhChosen);
    expect(rejected).toBe(hhRejected);
  });

  it("assigns sides by the seed, so the chosen answer is on B for about half the records", () => {
    let onB = 0;
    for (let i = 0; i < 200; i++) {
      const [row] = rowsOf(expandDatasetRecord("hh", { chosen: `\n\nHuman: q${i}\n\nAssistant: good`, rejected: `\n\nHuman: q${i}\n\nAssistant: bad` }, opts));
      if (row!.reference!.preference > 0) {
        onB++;
        expect(row!.row.response_b).toBe("good");
      } else expect(row!.row.response_a).toBe("good");
      expect(row!.row.metadata!.source_order).toBe(row!.reference!.preference > 0 ? "BA" : "AB");
    }
    expect(onB).toBeGreaterThan(70);
    expect(onB).toBeLessThan(130);
    expect(swapFor("s", "x")).toBe(swapFor("s", "x"));
  });

  it("keeps the record's id and gives the same hash id to the same content", () => {
    const record = { chosen: "\n\nHuman: hi\n\nAssistant: a", rejected: "\n\nHuman: hi\n\nAssistant: b" };
    expect(rowsOf(expandDatasetRecord("hh", { ...record, id: "x1" }, opts))[0]!.row.id).toBe("x1");
    const first = rowsOf(expandDatasetRecord("hh", record, opts))[0]!.row.id;
    expect(rowsOf(expandDatasetRecord("hh", record, { seed: "other" }))[0]!.row.id).toBe(first);
  });

  it.each([
    [{ chosen: "\n\nHuman: hi\n\nAssistant: a" }, 'rejected: is required (an HH transcript "\\n\\nHuman: …\\n\\nAssistant: …")'],
    [{ chosen: 5, rejected: "x" }, /^chosen: must be a string \(got a number\)/],
    [{ chosen: "\n\nHuman: hi\n\nAssistant: a", rejected: "\n\nHuman: hello\n\nAssistant: b" }, "chosen and rejected differ before the last assistant turn (first difference at character 11); an item needs one shared conversation"],
    [{ chosen: "\n\nHuman: hi", rejected: "\n\nHuman: hi" }, 'chosen: has no "\\n\\nAssistant:" turn to compare'],
    [{ chosen: "\n\nHuman: hi\n\nAssistant: a", rejected: "\n\nHuman: hi\n\nAssistant:" }, "rejected: the last assistant turn is empty (an item needs two non-empty responses)"],
    [{ chosen: "Hi there\n\nHuman: hi\n\nAssistant: a", rejected: "Hi there\n\nHuman: hi\n\nAssistant: b" }, 'chosen: has text before its first "\\n\\nHuman:" turn'],
    [{ chosen: "\n\nHuman: hi\n\nAssistant: x\n\nAssistant: a", rejected: "\n\nHuman: hi\n\nAssistant: x\n\nAssistant: b" }, "chosen: the turn before the last assistant turn must be a Human turn"],
    [[1, 2], "not an object (got an array)"],
  ])("refuses %j with a reason", (value, reason) => {
    const result = expandDatasetRecord("hh", value, opts);
    expect("error" in result && result.error).toEqual(typeof reason === "string" ? reason : expect.stringMatching(reason));
  });
});

describe("trl", () => {
  it("reads the standard text form, texts kept exactly", () => {
    const [row] = rowsOf(expandDatasetRecord("trl", { prompt: "The sky is", chosen: " blue.", rejected: " green." }, opts));
    expect(row!.row.prompt).toBe("The sky is");
    expect(preferredText(row!)).toBe(" blue.");
    expect(row!.row.metadata!.trl_form).toBe("text");
    expect(row!.row.id).toMatch(/^trl-[0-9a-f]{16}$/);
  });

  it("reads the conversational form with an explicit prompt", () => {
    const record = {
      prompt: [{ role: "system", content: "Be brief." }, { role: "user", content: "What color is the sky?" }],
      chosen: [{ role: "assistant", content: "It is blue." }],
      rejected: [{ role: "assistant", content: "It is green." }],
      chosen_model: "m1",
    };
    const [row] = rowsOf(expandDatasetRecord("trl", record, opts));
    expect(row!.row.prompt).toEqual(record.prompt);
    expect(preferredText(row!)).toBe("It is blue.");
    expect(row!.reference!.preference < 0 ? row!.row.model_a : row!.row.model_b).toBe("m1");
  });

  it("reads the conversational form with an implicit prompt (the shared prefix)", () => {
    const turns = [{ role: "user", content: "Hi" }, { role: "assistant", content: "Hello!" }, { role: "user", content: "Sky color?" }];
    const record = { chosen: [...turns, { role: "assistant", content: "Blue." }], rejected: [...turns, { role: "assistant", content: "Green." }] };
    const [row] = rowsOf(expandDatasetRecord("trl", record, opts));
    expect(row!.row.prompt).toEqual(turns);
    expect(preferredText(row!)).toBe("Blue.");
    expect(row!.row.metadata!.trl_form).toBe("chat-implicit");
  });

  it.each([
    [{ prompt: "p", chosen: "a" }, "rejected: is required"],
    [{ chosen: "a", rejected: "b" }, /^prompt: is required with text chosen\/rejected/],
    [{ prompt: "p", chosen: "a", rejected: [{ role: "assistant", content: "b" }] }, "rejected: must be a string like chosen (got an array)"],
    [{ prompt: [{ role: "user", content: "q" }], chosen: [{ role: "assistant", content: "a" }, { role: "user", content: "x" }], rejected: [{ role: "assistant", content: "b" }] }, "chosen: must hold exactly one assistant message after the prompt (got 2 messages)"],
    [{ chosen: [{ role: "user", content: "q" }, { role: "assistant", content: "a" }], rejected: [{ role: "user", content: "other" }, { role: "assistant", content: "b" }] }, /they differ at message 1/],
    [{ chosen: [{ role: "user", content: "q" }, { role: "assistant", content: "a" }], rejected: [{ role: "user", content: "q" }, { role: "assistant", content: 3 }] }, 'rejected: message 2 must be an object {"role", "content"} with string values'],
    [{ prompt: "p", chosen: "a", rejected: "   " }, "rejected: must be a non-empty string"],
  ])("refuses %j with a reason", (value, reason) => {
    const result = expandDatasetRecord("trl", value, opts);
    expect("error" in result && result.error).toEqual(typeof reason === "string" ? reason : expect.stringMatching(reason));
  });
});

describe("ratings", () => {
  const record = {
    prompt: "Name a prime.",
    completions: [
      { text: "4", model: "m1", score: 1 },
      { response: "7", model: "m2", score: 9 },
      { text: "2", model: "m3", score: 8 },
      { text: "11", model: "m4", score: 8 },
    ],
  };

  it("expands to every pair by default, the reference from the score difference", () => {
    const rows = rowsOf(expandDatasetRecord("ratings", record, opts));
    expect(rows).toHaveLength(6);
    const byPair = new Map(rows.map((r) => [[r.row.response_a, r.row.response_b].sort().join("|"), r]));
    expect(preferredText(byPair.get(["4", "7"].sort().join("|"))!)).toBe("7");
    const tie = byPair.get(["2", "11"].sort().join("|"))!;
    expect(tie.reference!.preference).toBe(0);
    expect(new Set(rows.map((r) => r.row.id)).size).toBe(6);
  });

  it("pairs=best-vs-rest and pairs=adjacent", () => {
    const best = rowsOf(expandDatasetRecord("ratings", record, { ...opts, pairs: "best-vs-rest" }));
    expect(best).toHaveLength(3);
    for (const row of best) expect(preferredText(row)).toBe("7");
    const adjacent = rowsOf(expandDatasetRecord("ratings", { ...record, id: "r1" }, { ...opts, pairs: "adjacent" }));
    expect(adjacent.map((r) => r.row.id)).toEqual(["r1-1-2", "r1-2-3", "r1-0-3"]);
  });

  it("equal scores give no reference when the project allows no ties; a missing score gives none", () => {
    const rows = rowsOf(expandDatasetRecord("ratings", record, { ...opts, allowTie: false }));
    expect(rows.filter((r) => r.reference === null)).toHaveLength(1);
    const unscored = rowsOf(expandDatasetRecord("ratings", { prompt: "p", completions: [{ text: "a" }, { text: "b", score: 2 }] }, opts));
    expect(unscored[0]!.reference).toBeNull();
  });

  it.each([
    [{ completions: [] }, "prompt: is required (a string or a list of chat messages)"],
    [{ prompt: "p", completions: [{ text: "a" }] }, "completions: needs at least 2 completions to compare (got 1)"],
    [{ prompt: "p", completions: [{ text: "a" }, { model: "m" }] }, 'completions[1]: needs "text" or "response" as a string'],
    [{ prompt: "p", completions: [{ text: "a", score: "high" }, { text: "b" }] }, "completions[0].score: must be a number (got a string)"],
    [{ prompt: "p", completions: "ab" }, 'completions: must be a list of {"text", "model"?, "score"?} (got a string)'],
  ])("refuses %j with a reason", (value, reason) => {
    const result = expandDatasetRecord("ratings", value, opts);
    expect("error" in result && result.error).toBe(reason);
  });

  it("skips a pair of identical texts and a repeated pair of texts", () => {
    const rows = rowsOf(expandDatasetRecord("ratings", { prompt: "p", completions: [{ text: "a" }, { text: "a" }, { text: "b" }] }, opts));
    expect(rows.map((r) => [r.row.response_a, r.row.response_b].sort().join(""))).toEqual(["ab"]);
    const same = expandDatasetRecord("ratings", { prompt: "p", completions: [{ text: "a" }, { text: "a" }] }, opts);
    expect("error" in same && same.error).toBe("completions: all the same text, nothing to compare");
  });

  it("needs scores for best-vs-rest", () => {
    const result = expandDatasetRecord("ratings", { prompt: "p", completions: [{ text: "a", score: 1 }, { text: "b" }] }, { ...opts, pairs: "best-vs-rest" });
    expect("error" in result && result.error).toBe("completions[1]: has no score, which pairs=best-vs-rest needs to order the completions");
  });
});
