import { consensusOf, reliabilityConsensusOf } from "./consensus";
import { countBothBad } from "./item-filters";
import { chatMessages, flattenChat, isChatPrompt } from "./prompt";
import type { ChatMessage, ExportItem, TiesMode } from "./types";

type Completion = string | ChatMessage[];

/** One item, docs/formats.md, "trl" (TRL RewardTrainer / DPOTrainer preference format). */
export type TrlLine = {
  prompt: string | ChatMessage[];
  chosen: Completion;
  rejected: Completion;
  margin: number;
  item_id: string;
  /** An implied pair of a ranking item only: the response indices (a, b) of chosen/rejected's source pair, a < b. */
  pair?: [number, number];
  n_judgments: number;
  agreement: number;
  /** Share of the item's judgments flagging both responses bad (0..1). */
  both_bad: number;
  chosen_model: string | null;
  rejected_model: string | null;
  /** consensus=reliability only: the posterior probability that `chosen` is the better response. */
  p_chosen?: number;
  /** Present only on tie items written with ties=keep. */
  tie?: true;
};

/**
 * `form` is the prompt form of the whole file (TRL decides text or
 * conversational from the first line, so every line must share it): chat
 * writes a text prompt as one user message, text flattens a chat
 * (flattenChat). Without it each line keeps its own prompt's form.
 */
export type TrlOptions = {
  ties?: TiesMode;
  form?: "text" | "chat";
  /** consensus=reliability: the item's posterior over (A, tie, B); chosen follows it and the line carries p_chosen. */
  posterior?: readonly [number, number, number] | null;
};

/** Text form → plain strings; chat form → the assistant turn TRL's conversational format expects. */
function completion(chat: boolean, text: string): Completion {
  return chat ? [{ role: "assistant", content: text }] : text;
}

function promptOf(item: ExportItem, chat: boolean): string | ChatMessage[] {
  if (isChatPrompt(item.prompt)) return chat ? chatMessages(item.prompt) : flattenChat(item.prompt);
  return chat ? [{ role: "user", content: item.prompt }] : item.prompt;
}

/**
 * The item's trl line, or null when it has no judgments or its consensus is
 * a tie (unless ties=keep). Margin and agreement are written unrounded.
 */
export function trlLine(item: ExportItem, judgments: ReadonlyArray<{ preference: number; flags?: readonly string[] }>, options: TrlOptions = {}): TrlLine | null {
  const preferences = judgments.map((j) => j.preference);
  const decided = options.posterior ? reliabilityConsensusOf(preferences, options.posterior) : null;
  const consensus = decided ?? consensusOf(preferences);
  if (!consensus) return null;
  const isTie = consensus.choice === "tie";
  if (isTie && options.ties !== "keep") return null;
  // A tie has no chosen and no rejected response. With ties=keep the item is
  // written in its own order, A as "chosen" and B as "rejected", and marked
  // `"tie": true` with margin 0 so trainers can drop or down-weight it.
  const aWins = consensus.choice !== "B";
  const chat = options.form ? options.form === "chat" : isChatPrompt(item.prompt);
  const line: TrlLine = {
    prompt: promptOf(item, chat),
    chosen: completion(chat, aWins ? item.responseA : item.responseB),
    rejected: completion(chat, aWins ? item.responseB : item.responseA),
    margin: isTie ? 0 : consensus.margin,
    item_id: item.externalId,
    ...(item.pair ? { pair: item.pair } : {}),
    n_judgments: judgments.length,
    agreement: consensus.agreement,
    both_bad: countBothBad(judgments) / judgments.length,
    chosen_model: aWins ? item.modelA : item.modelB,
    rejected_model: aWins ? item.modelB : item.modelA,
  };
  if (decided) line.p_chosen = decided.pChosen;
  if (isTie) line.tie = true;
  return line;
}
