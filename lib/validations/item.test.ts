import { describe, expect, it } from "vitest";
import { describeZodIssues } from "@/lib/errors";
import { ITEM_TEXT_MAX_CHARS, itemImportRow, promptToText, stableItemId } from "./item";

function problems(value: unknown): string {
  const result = itemImportRow.safeParse(value);
  return result.success ? "ok" : describeZodIssues(result.error.issues);
}

const base = { prompt: "Explain RLHF.", response_a: "A", response_b: "B" };

describe("itemImportRow", () => {
  it("accepts the docs/formats.md example and ignores unknown keys", () => {
    const row = itemImportRow.parse({
      id: "q-0001",
      ...base,
      model_a: "model-x",
      model_b: "model-y",
      metadata: { topic: "ml" },
      gold_preference: -2,
      extra: "ignored",
    });
    expect(row).toEqual({ id: "q-0001", ...base, model_a: "model-x", model_b: "model-y", metadata: { topic: "ml" }, gold_preference: -2 });
  });

  it("treats null optional fields as absent and accepts integer ids as text", () => {
    const row = itemImportRow.parse({ ...base, id: 17, model_a: null, metadata: null, gold_preference: null });
    expect(row).toEqual({ ...base, id: "17" });
  });

  it("names each missing or wrong field", () => {
    expect(problems({ prompt: "p", response_a: "a" })).toBe("response_b: is required (a non-empty string)");
    expect(problems({ ...base, response_b: "" })).toBe("response_b: must be a non-empty string");
    expect(problems({ ...base, response_a: "  \n " })).toBe("response_a: must be a non-empty string");
    expect(problems({ ...base, response_a: 3 })).toBe("response_a: must be a non-empty string (got a number)");
    expect(problems({ ...base, prompt: 5 })).toBe("prompt: must be a non-empty string or a list of chat messages (got a number)");
    expect(problems({ ...base, prompt: undefined })).toBe("prompt: is required (a string or a list of chat messages)");
    expect(problems({ ...base, id: "" })).toBe("id: must not be empty");
    expect(problems({ ...base, id: "x".repeat(201) })).toBe("id: must be at most 200 characters");
    expect(problems({ ...base, model_a: "m".repeat(201) })).toBe("model_a: must be at most 200 characters");
    expect(problems({ ...base, metadata: [1] })).toBe("metadata: must be a JSON object");
    expect(problems({ ...base, gold_preference: 1.5 })).toBe("gold_preference: must be an integer");
    expect(problems({ ...base, gold_preference: "2" })).toBe("gold_preference: must be an integer (got a string)");
  });

  it("takes a chat prompt whose last message is the user's", () => {
    const chat = [
      { role: "system", content: "Be brief." },
      { role: "user", content: "Hi" },
      { role: "assistant", content: "Hello" },
      { role: "user", content: "Explain RLHF." },
    ];
    expect(problems({ ...base, prompt: chat })).toBe("ok");
    expect(problems({ ...base, prompt: chat.slice(0, 3) })).toBe("prompt: the last message must be the user's");
    expect(problems({ ...base, prompt: [] })).toBe("prompt: must not be an empty list");
    expect(problems({ ...base, prompt: [{ role: "bot", content: "x" }] })).toBe("prompt: message 1: role must be system, user or assistant");
    expect(problems({ ...base, prompt: [{ role: "user" }] })).toBe("prompt: message 1: content must be a string");
  });

  it("bounds each response and prompt turn to what an annotator can read, naming the field and the limit", () => {
    const long = "x".repeat(ITEM_TEXT_MAX_CHARS + 1);
    const limit = "must be at most 100,000 characters (longer than an annotator can read)";
    expect(problems({ ...base, response_a: long })).toBe(`response_a: ${limit}`);
    expect(problems({ ...base, response_b: long })).toBe(`response_b: ${limit}`);
    expect(problems({ ...base, prompt: long })).toBe(`prompt: ${limit}`);
    expect(problems({ ...base, prompt: [{ role: "system", content: long }, { role: "user", content: "Hi" }] })).toBe(`prompt.0.content: content ${limit}`);
    const turn = "y".repeat(ITEM_TEXT_MAX_CHARS);
    expect(problems({ ...base, response_a: turn, prompt: [{ role: "user", content: turn }] })).toBe("ok");
    expect(problems({ ...base, prompt: Array.from({ length: 4 }, () => ({ role: "user", content: turn })) })).toBe(
      "prompt: all messages together must be at most 300,000 characters (longer than an annotator can read)",
    );
  });

  it("refuses text PostgreSQL cannot store (NUL, lone surrogates), also inside metadata", () => {
    expect(problems({ ...base, response_a: "a\u0000b" })).toMatch(/^response_a: contains a NUL/);
    expect(problems({ ...base, prompt: "\ud800 alone" })).toMatch(/^prompt: contains a NUL character or broken Unicode/);
    expect(problems({ ...base, metadata: { deep: [{ k: "\u0000" }] } })).toMatch(/^metadata: contains/);
    expect(problems({ ...base, response_a: "emoji 😀 fine" })).toBe("ok");
  });
});

describe("promptToText", () => {
  it("keeps text and writes chats as role: content lines", () => {
    expect(promptToText("Hi")).toBe("Hi");
    expect(promptToText([{ role: "system", content: "S" }, { role: "user", content: "U" }])).toBe("system: S\nuser: U");
  });
});

describe("stableItemId", () => {
  it("is a short hash of prompt and responses, blind to key order, models and metadata", () => {
    const id = stableItemId(base);
    expect(id).toMatch(/^h-[0-9a-f]{16}$/);
    expect(stableItemId(itemImportRow.parse({ response_b: "B", response_a: "A", prompt: "Explain RLHF.", model_a: "m", metadata: { a: 1 } }))).toBe(id);
    expect(stableItemId({ ...base, response_b: "B2" })).not.toBe(id);
    const chat = [{ role: "user" as const, content: "Explain RLHF." }];
    expect(stableItemId({ ...base, prompt: chat })).not.toBe(id);
    expect(stableItemId({ ...base, prompt: [{ content: "Explain RLHF.", role: "user" as const }] })).toBe(stableItemId({ ...base, prompt: chat }));
  });
});
