import { consensusOf, reliabilityConsensusOf } from "./consensus";
import { isChatPrompt } from "./prompt";
import type { ExportItem, Prompt } from "./types";

/** One item, docs/formats.md, "hh" (Anthropic HH-RLHF transcripts). */
export type HhLine = { chosen: string; rejected: string; p_chosen?: number };

const HUMAN = "\n\nHuman: ";
const ASSISTANT = "\n\nAssistant: ";

/**
 * The conversation up to (not including) the response, in HH's turn markup.
 * HH has no system turn, so system messages are prepended to the Human turn
 * that follows them (the first one, for the usual leading system prompt),
 * separated by a blank line.
 */
export function hhTranscript(prompt: Prompt): string {
  if (!isChatPrompt(prompt)) return HUMAN + prompt;
  let out = "";
  let pendingSystem: string[] = [];
  for (const message of prompt) {
    const content = String(message.content);
    if (message.role === "system") pendingSystem.push(content);
    else if (message.role === "assistant") out += ASSISTANT + content;
    else {
      out += HUMAN + [...pendingSystem, content].join("\n\n");
      pendingSystem = [];
    }
  }
  // A system message with no Human turn after it still belongs to the conversation.
  if (pendingSystem.length > 0) out += HUMAN + pendingSystem.join("\n\n");
  return out;
}

/**
 * The item's hh line, or null when it has no judgments or its consensus is a
 * tie (HH has no ties). With a posterior (consensus=reliability) the chosen
 * side follows it and the line carries p_chosen.
 */
export function hhLine(item: ExportItem, judgments: ReadonlyArray<{ preference: number }>, posterior?: readonly [number, number, number] | null): HhLine | null {
  const preferences = judgments.map((j) => j.preference);
  const decided = posterior ? reliabilityConsensusOf(preferences, posterior) : null;
  const consensus = decided ?? consensusOf(preferences);
  if (!consensus || consensus.choice === "tie") return null;
  const transcript = hhTranscript(item.prompt);
  const [chosen, rejected] = consensus.choice === "A" ? [item.responseA, item.responseB] : [item.responseB, item.responseA];
  const line: HhLine = { chosen: transcript + ASSISTANT + chosen, rejected: transcript + ASSISTANT + rejected };
  if (decided) line.p_chosen = decided.pChosen;
  return line;
}
