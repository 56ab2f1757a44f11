import { kindOf } from "@/lib/validations/item";
import { contentId, isObject, pairRow, recordId, type DatasetOptions, type DatasetResult } from "./common";

/**
 * `trl` (TRL's preference format, as RewardTrainer and DPOTrainer read it):
 * - standard: `{"prompt": "…", "chosen": "…", "rejected": "…"}`;
 * - conversational, explicit prompt: `prompt` a message list, `chosen` and
 *   `rejected` lists holding the one assistant message that answers it;
 * - conversational, implicit prompt: no `prompt`, `chosen` and `rejected`
 *   whole conversations that share every message but the last assistant one.
 * Texts are kept exactly as given (TRL completions often start with a space).
 */

type Message = { role: string; content: string };

function messagesOf(value: unknown, name: string): { messages: Message[] } | { error: string } {
  if (!Array.isArray(value)) return { error: `${name}: must be a string or a list of messages (got ${kindOf(value)})` };
  for (const [i, message] of value.entries()) {
    if (!isObject(message) || typeof message.role !== "string" || typeof message.content !== "string") {
      return { error: `${name}: message ${i + 1} must be an object {"role", "content"} with string values` };
    }
  }
  return { messages: (value as Message[]).map((m) => ({ role: m.role, content: m.content })) };
}

function singleAssistant(messages: Message[], name: string): { text: string } | { error: string } {
  if (messages.length !== 1 || messages[0]!.role !== "assistant") {
    return { error: `${name}: must hold exactly one assistant message after the prompt (got ${messages.length} message${messages.length === 1 ? "" : "s"}${messages.length === 1 ? `, role "${messages[0]!.role}"` : ""})` };
  }
  return { text: messages[0]!.content };
}

const same = (x: Message, y: Message) => x.role === y.role && x.content === y.content;

export function parseTrlRecord(value: unknown, options: DatasetOptions): DatasetResult {
  if (!isObject(value)) return { error: `not an object (got ${kindOf(value)})` };
  const own = recordId(value);
  if ("error" in own) return own;
  const { prompt, chosen, rejected } = value;
  if (chosen === undefined || chosen === null) return { error: "chosen: is required" };
  if (rejected === undefined || rejected === null) return { error: "rejected: is required" };

  let itemPrompt: unknown;
  let best: string;
  let worst: string;
  let form: "text" | "chat-explicit" | "chat-implicit";
  if (typeof chosen === "string" || typeof rejected === "string") {
    if (typeof chosen !== "string") return { error: `chosen: must be a string like rejected (got ${kindOf(chosen)})` };
    if (typeof rejected !== "string") return { error: `rejected: must be a string like chosen (got ${kindOf(rejected)})` };
    if (typeof prompt !== "string") {
      return { error: prompt === undefined || prompt === null ? "prompt: is required with text chosen/rejected (TRL's implicit-prompt text form is not supported: give the prompt)" : `prompt: must be a string when chosen and rejected are (got ${kindOf(prompt)})` };
    }
    [itemPrompt, best, worst, form] = [prompt, chosen, rejected, "text"];
  } else {
    const c = messagesOf(chosen, "chosen");
    if ("error" in c) return c;
    const r = messagesOf(rejected, "rejected");
    if ("error" in r) return r;
    if (prompt !== undefined && prompt !== null) {
      const p = typeof prompt === "string" ? { messages: [{ role: "user", content: prompt }] } : messagesOf(prompt, "prompt");
      if ("error" in p) return p;
      const cs = singleAssistant(c.messages, "chosen");
      if ("error" in cs) return cs;
      const rs = singleAssistant(r.messages, "rejected");
      if ("error" in rs) return rs;
      [itemPrompt, best, worst, form] = [p.messages, cs.text, rs.text, "chat-explicit"];
    } else {
      const shared = c.messages.length - 1;
      if (shared < 1 || r.messages.length !== c.messages.length || !c.messages.slice(0, shared).every((m, i) => same(m, r.messages[i]!))) {
        let at = 0;
        while (at < c.messages.length && at < r.messages.length && same(c.messages[at]!, r.messages[at]!)) at++;
        return { error: `chosen and rejected must be the same conversation up to one final assistant message each (they differ at message ${at + 1}); or give an explicit prompt` };
      }
      const cs = singleAssistant(c.messages.slice(shared), "chosen");
      if ("error" in cs) return cs;
      const rs = singleAssistant(r.messages.slice(shared), "rejected");
      if ("error" in rs) return rs;
      [itemPrompt, best, worst, form] = [c.messages.slice(0, shared), cs.text, rs.text, "chat-implicit"];
    }
  }
  const id = own.id ?? contentId("trl", ["trl", itemPrompt, best, worst]);
  const model = (key: string) => (typeof value[key] === "string" ? (value[key] as string) : undefined);
  const result = pairRow({
    id,
    prompt: itemPrompt,
    first: { text: best, model: model("chosen_model") },
    second: { text: worst, model: model("rejected_model") },
    preference: -1,
    metadata: { trl_form: form },
    source: options.source ?? "trl",
    seed: options.seed,
    names: ["chosen", "rejected"],
  });
  return "error" in result ? result : { rows: [result] };
}
