import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { INTEGRITY_RULES, flagOrder, flagSentence } from "./rules";

const formats = fs.readFileSync(path.join(path.resolve(__dirname, "../../.."), "docs/formats.md"), "utf8");
const section = formats.slice(formats.indexOf("\n## Integrity signals"));
const tableRows = section.split("\n").filter((line) => line.startsWith("| `"));

describe("integrity rules", () => {
  it("each flag has a distinct code and a sentence that explains it (not the code)", () => {
    expect(new Set(INTEGRITY_RULES.map((rule) => rule.code)).size).toBe(INTEGRITY_RULES.length);
    for (const rule of INTEGRITY_RULES) {
      expect(rule.sentence).not.toContain(rule.code);
      expect(rule.sentence).toMatch(/^[A-Z].{30,}\.$/);
      expect(flagSentence(rule.code)).toBe(rule.sentence);
    }
    expect(flagOrder("not_a_flag")).toBe(INTEGRITY_RULES.length);
  });

  it("docs/formats.md, \"Integrity signals\", lists every flag with the rules file's threshold and sentence, in its order", () => {
    const flagRows = tableRows.filter((line) => INTEGRITY_RULES.some((rule) => line.startsWith(`| \`${rule.code}\``)));
    expect(flagRows).toEqual(INTEGRITY_RULES.map((rule) => `| \`${rule.code}\` | ${rule.scope} | ${rule.threshold} | ${rule.sentence} |`));
  });
});
