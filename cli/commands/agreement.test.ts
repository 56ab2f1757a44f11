import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runInProcess } from "@/test/cli";
import { run } from "./agreement";

const dir = mkdtempSync(path.join(tmpdir(), "pairwise-agreement-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeJsonl(name: string, lines: string[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, lines.join("\n"));
  return file;
}

const runCli = (args: string[]) => runInProcess(run, args);

const line = (fields: Record<string, unknown>) => JSON.stringify(fields);

describe("agreement command", () => {
  it("prints one JSON object for a raw-export file, skipping blank lines", async () => {
    const file = writeJsonl("ok.jsonl", [
      line({ item_id: "q-1", annotator: "a-1", preference: -2, scale: 3, shown_swapped: false, duration_ms: 1000, created_at: "2026-01-01T00:00:00.000Z", prompt: "…" }),
      line({ item_id: "q-1", annotator: "a-2", preference: -1, scale: 3, shown_swapped: true }),
      "",
      line({ item_id: "q-2", annotator: "a-1", preference: 1 }),
      line({ item_id: "q-2", annotator: "a-2", preference: 0 }),
      // A later re-judgment replaces the earlier one by created_at.
      line({ item_id: "q-2", annotator: "a-2", preference: 2, created_at: "2026-01-02T00:00:00.000Z" }),
      "   ",
    ]);
    const { code, stdout, stderr } = await runCli(["--input", file]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ items: 2, annotators: 2, judgments: 4, percent_agreement: 1, tie_rate: 0 });
    expect(Object.keys(result.preference_distribution)).toHaveLength(7);
    expect(result.per_annotator.find((a: { annotator: string }) => a.annotator === "a-1").median_duration_ms).toBe(1000);
  });

  it("takes the scale from --scale, else the data", async () => {
    const file = writeJsonl("scale.jsonl", [line({ item_id: "q", annotator: "a", preference: 2 })]);
    const fromData = JSON.parse((await runCli(["--input", file])).stdout);
    expect(Object.keys(fromData.preference_distribution)).toHaveLength(5);
    const fromFlag = JSON.parse((await runCli([`--input=${file}`, "--scale", "4"])).stdout);
    expect(Object.keys(fromFlag.preference_distribution)).toHaveLength(9);
  });

  it("reports the first bad line and exits 2", async () => {
    const file = writeJsonl("bad.jsonl", [
      line({ item_id: "q-1", annotator: "a-1", preference: 1 }),
      "",
      line({ item_id: "q-1", annotator: "a-2", preference: 1.5 }),
      "{not json",
    ]);
    const { code, stdout, stderr } = await runCli(["--input", file]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^line 3: preference: /);
  });

  it("rejects invalid JSON, missing fields and out-of-scale preferences", async () => {
    const cases: Array<[string, RegExp]> = [
      ["{not json", /^line 1: invalid JSON/],
      [line({ item_id: "q-1", preference: 1 }), /^line 1: annotator: /],
      [line({ item_id: "q-1", annotator: "a", preference: 3, scale: 2 }), /^line 1: preference 3 is outside -2\.\.2/],
    ];
    for (const [text, message] of cases) {
      const { code, stderr } = await runCli(["--input", writeJsonl("case.jsonl", [text])]);
      expect(code).toBe(2);
      expect(stderr).toMatch(message);
    }
  });

  it("fails cleanly on bad arguments and unreadable files", async () => {
    expect((await runCli([])).code).toBe(2);
    expect((await runCli(["--input", "x.jsonl", "--scale", "0"])).stderr).toMatch(/--scale must be a positive integer/);
    const missing = await runCli(["--input", path.join(dir, "nope.jsonl")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read/);
  });

  it("handles an empty file", async () => {
    const { code, stdout } = await runCli(["--input", writeJsonl("empty.jsonl", [])]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ items: 0, judgments: 0, percent_agreement: null });
  });
});
