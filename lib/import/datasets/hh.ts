import { kindOf } from "@/lib/validations/item";
import { contentId, isObject, pairRow, recordId, type DatasetOptions, type DatasetResult } from "./common";

/**
 * `hh` (Anthropic HH-RLHF): `{"chosen": "\n\nHuman: …\n\nAssistant: …", "rejected": …}`.
 * The shared transcript up to the last "\n\nAssistant:" becomes a chat
 * prompt (Human → user, Assistant → assistant) and the two final assistant
 * turns the responses. Texts are trimmed for annotators; the exact
 * whitespace around each turn goes to `metadata.hh`, so hhTextsOf rebuilds
 * the original `chosen`/`rejected` byte for byte (docs/formats.md).
 */

const MARKER = /\n\n(Human|Assistant):/g;

type Turn = { role: "user" | "assistant"; content: string; pad: [string, string] };
/** metadata.hh: the whitespace before the first turn, and [before, after] each turn's text, in transcript order. */
export type HhLayout = { lead: string; pads: [string, string][]; a: [string, string]; b: [string, string] };

function splitPad(raw: string): { content: string; pad: [string, string] } {
  const content = raw.trim();
  if (content === "") return { content, pad: [raw, ""] };
  const start = raw.indexOf(content);
  return { content, pad: [raw.slice(0, start), raw.slice(start + content.length)] };
}

/** A transcript's turns, or why it is not one. */
export function parseHhTranscript(text: string): { lead: string; turns: Turn[] } | { error: string } {
  const marks = [...text.matchAll(MARKER)];
  if (marks.length === 0) return { error: 'has no "\\n\\nHuman:" or "\\n\\nAssistant:" turn' };
  const lead = text.slice(0, marks[0]!.index);
  if (lead.trim() !== "") return { error: 'has text before its first "\\n\\nHuman:" turn' };
  const turns = marks.map((mark, i) => {
    const end = i + 1 < marks.length ? marks[i + 1]!.index : text.length;
    const { content, pad } = splitPad(text.slice(mark.index + mark[0].length, end));
    return { role: mark[1] === "Human" ? ("user" as const) : ("assistant" as const), content, pad };
  });
  return { lead, turns };
}

function lastAssistantStart(text: string): number {
  return text.lastIndexOf("\n\nAssistant:");
}

export function parseHhRecord(value: unknown, options: DatasetOptions): DatasetResult {
  if (!isObject(value)) return { error: `not an object (got ${kindOf(value)})` };
  const { chosen, rejected } = value;
  for (const [name, text] of [["chosen", chosen], ["rejected", rejected]] as const) {
    if (typeof text !== "string") return { error: `${name}: ${text === undefined ? "is required" : `must be a string (got ${kindOf(text)})`} (an HH transcript "\\n\\nHuman: …\\n\\nAssistant: …")` };
  }
  const c = chosen as string;
  const r = rejected as string;
  const own = recordId(value);
  if ("error" in own) return own;
  const cut = lastAssistantStart(c);
  const rcut = lastAssistantStart(r);
  if (cut < 0) return { error: 'chosen: has no "\\n\\nAssistant:" turn to compare' };
  if (rcut < 0) return { error: 'rejected: has no "\\n\\nAssistant:" turn to compare' };
  const prefix = c.slice(0, cut);
  if (prefix !== r.slice(0, rcut)) {
    const other = r.slice(0, rcut);
    let at = 0;
    while (at < prefix.length && at < other.length && prefix[at] === other[at]) at++;
    return { error: `chosen and rejected differ before the last assistant turn (first difference at character ${at + 1}); an item needs one shared conversation` };
  }
  const parsed = parseHhTranscript(prefix);
  if ("error" in parsed) return { error: `chosen: ${parsed.error}` };
  if (parsed.turns[parsed.turns.length - 1]!.role !== "user") {
    return { error: "chosen: the turn before the last assistant turn must be a Human turn" };
  }
  const tail = (text: string, at: number) => splitPad(text.slice(at + "\n\nAssistant:".length));
  const best = tail(c, cut);
  const worst = tail(r, rcut);
  if (best.content === "") return { error: "chosen: the last assistant turn is empty (an item needs two non-empty responses)" };
  if (worst.content === "") return { error: "rejected: the last assistant turn is empty (an item needs two non-empty responses)" };
  const id = own.id ?? contentId("hh", ["hh", c, r]);
  const source = options.source ?? "hh";
  const result = pairRow({
    id,
    prompt: parsed.turns.map((turn) => ({ role: turn.role, content: turn.content })),
    first: { text: best.content },
    second: { text: worst.content },
    preference: -1,
    metadata: {},
    source,
    seed: options.seed,
    names: ["chosen", "rejected"],
  });
  if ("error" in result) return result;
  const swapped = result.row.metadata?.source_order === "BA";
  const layout: HhLayout = {
    lead: parsed.lead,
    pads: parsed.turns.map((turn) => turn.pad),
    a: swapped ? worst.pad : best.pad,
    b: swapped ? best.pad : worst.pad,
  };
  result.row.metadata = { ...result.row.metadata, hh: layout };
  return { rows: [result] };
}

/**
 * The two transcripts of an item, byte for byte as imported when the item
 * carries `metadata.hh` (and its prompt was a chat of user/assistant turns),
 * else null.
 */
export function hhTextsOf(item: { prompt: unknown; responseA: string; responseB: string; metadata: unknown }): { a: string; b: string } | null {
  const layout = isObject(item.metadata) ? (item.metadata.hh as HhLayout | undefined) : undefined;
  if (!layout || !Array.isArray(item.prompt) || !Array.isArray(layout.pads) || layout.pads.length !== item.prompt.length) return null;
  let head = layout.lead;
  for (const [i, message] of (item.prompt as { role: string; content: string }[]).entries()) {
    const pad = layout.pads[i]!;
    head += (message.role === "assistant" ? "\n\nAssistant:" : "\n\nHuman:") + pad[0] + message.content + pad[1];
  }
  const turn = (pad: [string, string], text: string) => `${head}\n\nAssistant:${pad[0]}${text}${pad[1]}`;
  return { a: turn(layout.a, item.responseA), b: turn(layout.b, item.responseB) };
}
