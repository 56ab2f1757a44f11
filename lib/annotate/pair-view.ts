import { renderMarkdown } from "@/lib/markdown/render-markdown";
import { chatMessages, isChatPrompt } from "@/lib/export/prompt";
import type { PairView } from "@/lib/validations/annotate-response";

export async function renderPrompt(prompt: unknown): Promise<PairView["prompt_turns"]> {
  // Stored prompts were validated at import (lib/validations/item.ts): a list is a chat.
  if (isChatPrompt(prompt)) {
    return Promise.all(
      chatMessages(prompt).map(async (m) => ({ role: m.role as PairView["prompt_turns"][number]["role"], html: await renderMarkdown(m.content) })),
    );
  }
  return [{ role: "user", html: await renderMarkdown(typeof prompt === "string" ? prompt : JSON.stringify(prompt)) }];
}

/** Rendering runs off the event loop under a budget (lib/markdown/render-markdown.ts): it never throws. */
export async function buildPairView(
  item: { externalId: string; prompt: unknown; responseA: string; responseB: string },
  swapped: boolean,
  leaseExpiresAt: Date | null,
): Promise<PairView> {
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
