import { parseCsvRecord } from "./split-csv";
import { INVALID_UTF8, decodeUtf8, validateItemValue, type ParsedItem } from "./item-value";
import type { RawUnit } from "./unit-buffer";

/**
 * CSV records → items. The header (first record) names the columns of
 * docs/formats.md; other columns are ignored, like unknown keys in JSON. Empty
 * cells are absent fields. `prompt` cells holding a JSON array are chat
 * transcripts; `metadata`, `responses` and `gold_ranking` cells are JSON; `gold_preference` and `gold_min_strength` are numbers.
 */
const columns = ["id", "prompt", "response_a", "response_b", "model_a", "model_b", "metadata", "gold_preference", "gold_explanation", "gold_min_strength", "responses", "gold_ranking"];
// A ranking item file has a `responses` column (JSON) instead of response_a/response_b.
const requiredColumns = ["prompt"];

export async function* parseCsvItems(units: AsyncIterable<RawUnit>): AsyncGenerator<ParsedItem> {
  let header: string[] | undefined;
  for await (const unit of units) {
    const result = readRecord(unit);
    if ("error" in result) {
      yield { line: unit.line, error: result.error };
      // Without a header no record can be read: one error, not one per line.
      if (!header) return;
      continue;
    }
    if (!header) {
      header = result.fields.map((name) => name.trim().toLowerCase());
      const problem = checkHeader(header);
      if (problem) {
        yield { line: unit.line, error: problem };
        return;
      }
      continue;
    }
    if (result.fields.every((field) => field === "")) continue;
    if (result.fields.length !== header.length) {
      yield { line: unit.line, error: `has ${result.fields.length} fields, the header has ${header.length}` };
      continue;
    }
    const cells = toItemObject(header, result.fields);
    yield { line: unit.line, ...("error" in cells ? cells : validateItemValue(cells.value)) };
  }
}

function readRecord(unit: RawUnit): { fields: string[] } | { error: string } {
  if ("error" in unit) return unit;
  const text = decodeUtf8(unit.bytes);
  if (text === undefined) return { error: INVALID_UTF8 };
  return parseCsvRecord(text);
}

function checkHeader(header: string[]): string | undefined {
  const responseColumns = header.includes("responses") ? [] : ["response_a", "response_b"];
  const missing = [...requiredColumns, ...responseColumns].filter((name) => !header.includes(name));
  if (missing.length > 0) {
    return `the CSV header lacks the column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (it names: ${header.join(", ").slice(0, 200)})`;
  }
  const repeated = columns.find((name) => header.indexOf(name) !== header.lastIndexOf(name));
  return repeated ? `the CSV header names the column ${repeated} twice` : undefined;
}

function toItemObject(header: string[], fields: string[]): { value: Record<string, unknown> } | { error: string } {
  const value: Record<string, unknown> = {};
  for (const [index, name] of header.entries()) {
    const cell = fields[index] ?? "";
    if (cell === "" || !columns.includes(name)) continue;
    if (name === "prompt") value.prompt = chatOrText(cell);
    else if (name === "metadata" || name === "responses" || name === "gold_ranking") {
      try {
        value[name] = JSON.parse(cell) as unknown;
      } catch (error) {
        return { error: `${name}: not JSON (${error instanceof Error ? error.message : String(error)})` };
      }
    } else if (name === "gold_preference" || name === "gold_min_strength") {
      const number = Number(cell.trim());
      // Not a number: leave the text for the schema to refuse with its message.
      value[name] = cell.trim() !== "" && Number.isFinite(number) ? number : cell;
    } else value[name] = cell;
  }
  return { value };
}

// "[INST] …" is a plausible text prompt: only a cell that parses as a JSON array is a chat.
function chatOrText(cell: string): unknown {
  if (!cell.trimStart().startsWith("[")) return cell;
  try {
    const parsed = JSON.parse(cell) as unknown;
    return Array.isArray(parsed) ? parsed : cell;
  } catch {
    return cell;
  }
}
