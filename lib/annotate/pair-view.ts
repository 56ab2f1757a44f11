import { renderMarkdown } from "@/lib/markdown/render-markdown";
import { chatMessages, isChatPrompt } from "@/lib/export/prompt";
import type { PairView } from "@/lib/validations/annotate-response";

export function renderPrompt(prompt: unknown): PairView["prompt_turns"] {
  // Stored prompts were validated at import (lib/validations/item.ts): a list is a chat.
  if (isChatPrompt(prompt)) {
    return chatMessages(prompt).map((m) => ({ role: m.role as PairView["prompt_turns"][number]["role"], html: renderMarkdown(m.content) }));
  }
  return [{ role: "user", html: renderMarkdown(typeof prompt === "string" ? prompt : JSON.stringify(prompt)) }];
}

export function buildPairView(
  item: { externalId: string; prompt: unknown; responseA: string; responseB: string },
  swapped: boolean,
  leaseExpiresAt: Date | null,
): PairView {
  const a = renderMarkdown(item.responseA);
  const b = renderMarkdown(item.responseB);
  return {
    item_id: item.externalId,
    swapped,
    prompt_turns: renderPrompt(item.prompt),
    left_html: swapped ? b : a,
    right_html: swapped ? a : b,
    lease_expires_at: leaseExpiresAt ? leaseExpiresAt.toISOString() : null,
  };
}
