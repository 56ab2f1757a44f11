import { renderMarkdown } from "@/lib/markdown/render-markdown";
import { chatMessages, isChatPrompt } from "@/lib/export/prompt";
import type { PairView } from "@/lib/validations/annotate-response";
import { inDisplayOrder, rankedResponses } from "@/lib/ranking-items/ranked-responses";

export async function renderPrompt(prompt: unknown): Promise<PairView["prompt_turns"]> {
  // Stored prompts were validated at import (lib/validations/item.ts): a list is a chat.
  if (isChatPrompt(prompt)) {
    return Promise.all(
      chatMessages(prompt).map(async (m) => ({ role: m.role as PairView["prompt_turns"][number]["role"], html: await renderMarkdown(m.content) })),
    );
  }
  return [{ role: "user", html: await renderMarkdown(typeof prompt === "string" ? prompt : JSON.stringify(prompt)) }];
}

/**
 * Rendering runs off the event loop under a budget (lib/markdown/render-markdown.ts): it never throws.
 * A ranking item (`responses` set, `displayOrder` its lease's order) renders its responses in display order.
 */
export async function buildPairView(
  item: { externalId: string; prompt: unknown; responseA: string; responseB: string; responses?: unknown },
  swapped: boolean,
  leaseExpiresAt: Date | null,
  displayOrder: readonly number[] = [],
): Promise<PairView> {
  const ranked = rankedResponses(item.responses);
  if (ranked) {
    const shown = inDisplayOrder(ranked, displayOrder);
    const [promptTurns, ...html] = await Promise.all([renderPrompt(item.prompt), ...shown.map((response) => renderMarkdown(response.text))]);
    return {
      item_id: item.externalId,
      swapped: false,
      prompt_turns: promptTurns as PairView["prompt_turns"],
      left_html: "",
      right_html: "",
      lease_expires_at: leaseExpiresAt ? leaseExpiresAt.toISOString() : null,
      responses_html: shown.map(({ index }, position) => ({ index, html: html[position] as string })),
    };
  }
  const [a, b, promptTurns] = await Promise.all([renderMarkdown(item.responseA), renderMarkdown(item.responseB), renderPrompt(item.prompt)]);
  return {
    item_id: item.externalId,
    swapped,
    prompt_turns: promptTurns,
    left_html: swapped ? b : a,
    right_html: swapped ? a : b,
    lease_expires_at: leaseExpiresAt ? leaseExpiresAt.toISOString() : null,
  };
}
