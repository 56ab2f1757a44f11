import { kindOf } from "@/lib/validations/item";
import { contentId, isObject, pairRow, recordId, type DatasetOptions, type DatasetResult, type DatasetRow, type PairRule } from "./common";

/**
 * `ratings` (UltraFeedback-style): `{"prompt", "completions": [{"text" or
 * "response", "model"?, "score"?}, …]}`, one prompt with K ≥ 2 rated
 * completions, expanded to pairs by the import's `pairs` rule
 * (docs/formats.md, "ratings — one prompt, several rated completions"):
 * - all (default): every pair, K(K−1)/2 items;
 * - best-vs-rest: the highest-scored completion against each other one, K−1 items (needs scores);
 * - adjacent: neighbours in score order, best to worst, K−1 items (needs scores).
 * The reference is the direction of the score difference; equal scores are a
 * tie when the project allows ties, otherwise the pair gets no reference. A
 * pair with a missing score gets none either.
 */

type Completion = { index: number; text: string; model?: string; score?: number };

function completionOf(value: unknown, index: number): Completion | { error: string } {
  const where = `completions[${index}]`;
  if (!isObject(value)) return { error: `${where}: must be an object {"text", "model"?, "score"?} (got ${kindOf(value)})` };
  const text = value.text ?? value.response;
  if (typeof text !== "string") return { error: `${where}: needs "text" or "response" as a string${text === undefined ? "" : ` (got ${kindOf(text)})`}` };
  const model = value.model ?? undefined;
  if (model !== undefined && typeof model !== "string") return { error: `${where}.model: must be a string (got ${kindOf(model)})` };
  const score = value.score ?? undefined;
  if (score !== undefined && (typeof score !== "number" || !Number.isFinite(score))) return { error: `${where}.score: must be a number (got ${kindOf(score)})` };
  return { index, text, model, score };
}

function pairsOf(completions: Completion[], rule: PairRule): [Completion, Completion][] | { error: string } {
  if (rule === "all") {
    const pairs: [Completion, Completion][] = [];
    for (let i = 0; i < completions.length; i++) for (let j = i + 1; j < completions.length; j++) pairs.push([completions[i]!, completions[j]!]);
    return pairs;
  }
  const unscored = completions.find((c) => c.score === undefined);
  if (unscored) return { error: `completions[${unscored.index}]: has no score, which pairs=${rule} needs to order the completions` };
  // Best first; equal scores keep file order.
  const ordered = [...completions].sort((x, y) => y.score! - x.score! || x.index - y.index);
  if (rule === "best-vs-rest") return ordered.slice(1).map((other) => [ordered[0]!, other]);
  return ordered.slice(1).map((next, i) => [ordered[i]!, next]);
}

export function parseRatingsRecord(value: unknown, options: DatasetOptions): DatasetResult {
  if (!isObject(value)) return { error: `not an object (got ${kindOf(value)})` };
  const own = recordId(value);
  if ("error" in own) return own;
  if (value.prompt === undefined || value.prompt === null) return { error: "prompt: is required (a string or a list of chat messages)" };
  if (!Array.isArray(value.completions)) return { error: `completions: must be a list of {"text", "model"?, "score"?} (got ${kindOf(value.completions)})` };
  if (value.completions.length < 2) return { error: `completions: needs at least 2 completions to compare (got ${value.completions.length})` };
  const completions: Completion[] = [];
  for (const [i, entry] of value.completions.entries()) {
    const completion = completionOf(entry, i);
    if ("error" in completion) return completion;
    completions.push(completion);
  }
  const pairs = pairsOf(completions, options.pairs ?? "all");
  if ("error" in pairs) return pairs;
  const rows: DatasetRow[] = [];
  const seen = new Set<string>();
  for (const [first, second] of pairs) {
    const [x, y] = first.index < second.index ? [first, second] : [second, first];
    // Two copies of one text are no comparison; a repeated pair of texts is imported once.
    if (x.text === y.text) continue;
    const id = own.id !== undefined ? `${own.id}-${x.index}-${y.index}` : contentId("ratings", ["ratings", value.prompt, x.text, y.text]);
    if (seen.has(id)) continue;
    seen.add(id);
    let preference: -1 | 0 | 1 | null = null;
    if (x.score !== undefined && y.score !== undefined) {
      preference = x.score > y.score ? -1 : x.score < y.score ? 1 : options.allowTie === false ? null : 0;
    }
    const result = pairRow({
      id,
      prompt: value.prompt,
      first: { text: x.text, model: x.model },
      second: { text: y.text, model: y.model },
      preference,
      metadata: { ratings: { completions: [x.index, y.index], scores: [x.score ?? null, y.score ?? null] } },
      source: options.source ?? "ratings",
      seed: options.seed,
      names: [`completions[${x.index}]`, `completions[${y.index}]`],
    });
    if ("error" in result) return result;
    rows.push(result);
  }
  if (rows.length === 0) return { error: "completions: all the same text, nothing to compare" };
  return { rows };
}
