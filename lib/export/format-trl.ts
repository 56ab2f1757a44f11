import { consensusOf } from "./consensus";
import { chatMessages, isChatPrompt } from "./prompt";
import type { ChatMessage, ExportItem, TiesMode } from "./types";

type Completion = string | ChatMessage[];

/** One item, docs/formats.md, "trl" (TRL RewardTrainer / DPOTrainer preference format). */
export type TrlLine = {
  prompt: string | ChatMessage[];
  chosen: Completion;
  rejected: Completion;
  margin: number;
  item_id: string;
  n_judgments: number;
  agreement: number;
  chosen_model: string | null;
  rejected_model: string | null;
  /** Present only on tie items written with ties=keep. */
  tie?: true;
};

export type TrlOptions = { ties?: TiesMode };

/** Text prompt → plain strings; chat prompt → the assistant turn TRL's conversational format expects. */
function completion(item: ExportItem, text: string): Completion {
  return isChatPrompt(item.prompt) ? [{ role: "assistant", content: text }] : text;
}

/**
 * The item's trl line, or null when it has no judgments or its consensus is
 * a tie (unless ties=keep). Margin and agreement are written unrounded.
 */
export function trlLine(item: ExportItem, judgments: ReadonlyArray<{ preference: number }>, options: TrlOptions = {}): TrlLine | null {
  const consensus = consensusOf(judgments.map((j) => j.preference));
  if (!consensus) return null;
  const isTie = consensus.choice === "tie";
  if (isTie && options.ties !== "keep") return null;
  // A tie has no chosen and no rejected response. With ties=keep the item is
  // written in its own order, A as "chosen" and B as "rejected", and marked
  // `"tie": true` with margin 0 so trainers can drop or down-weight it.
  const aWins = consensus.choice !== "B";
  const line: TrlLine = {
    prompt: isChatPrompt(item.prompt) ? chatMessages(item.prompt) : item.prompt,
    chosen: completion(item, aWins ? item.responseA : item.responseB),
    rejected: completion(item, aWins ? item.responseB : item.responseA),
    margin: isTie ? 0 : consensus.margin,
    item_id: item.externalId,
    n_judgments: judgments.length,
    agreement: consensus.agreement,
    chosen_model: aWins ? item.modelA : item.modelB,
    rejected_model: aWins ? item.modelB : item.modelA,
  };
  if (isTie) line.tie = true;
  return line;
}
