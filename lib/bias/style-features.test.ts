import { describe, expect, it } from "vitest";
import { styleFeatures } from "./style-features";

describe("styleFeatures", () => {
  it("counts words, headers, list items, bold spans and code blocks on a worked example", () => {
    const text = [
      "# Title",
      "Some **bold** text and __more bold__ here.",
      "## Steps",
      "1. first",
      "2) second",
      "- a dash item with **one** bold",
      "  * nested star",
      "```python",
      "# not a header",
      "- not a list item **nor bold**",
      "```",
      "####### seven hashes is not a header",
      "#hashtag is not a header",
      "-not a list item",
      "~~~",
      "unclosed fence still counts",
    ].join("\n");
    expect(styleFeatures(text)).toEqual({ words: 59, headers: 2, list_items: 4, bold: 3, code_blocks: 2 });
  });

  it("gives zeros for empty or plain text, and counts a header line's bold too", () => {
    expect(styleFeatures("")).toEqual({ words: 0, headers: 0, list_items: 0, bold: 0, code_blocks: 0 });
    expect(styleFeatures("just two")).toEqual({ words: 2, headers: 0, list_items: 0, bold: 0, code_blocks: 0 });
    expect(styleFeatures("### **Bold header**\n** not bold **")).toEqual({ words: 7, headers: 1, list_items: 0, bold: 1, code_blocks: 0 });
  });
});
