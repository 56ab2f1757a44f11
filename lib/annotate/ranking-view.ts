import { renderMarkdown } from "@/lib/markdown/render-markdown";
import type { RankingView } from "@/lib/validations/ranking-view";
import { renderPrompt } from "./pair-view";

/**
 * A ranking item as the annotation screen shows it: each response rendered
 * and sanitised like a pair's (lib/markdown: model outputs are untrusted, raw
 * HTML becomes text), in the lease's display order (`displayOrder[position]`
 * is the item index shown at that position). Never throws (rendering has a budget).
 */
export async function buildRankingView(
  item: { externalId: string; prompt: unknown; responses: readonly { text: string }[] },
  displayOrder: readonly number[],
  leaseExpiresAt: Date | null,
): Promise<RankingView> {
  // A lease without a stored order (or a stale one) shows the item's own order.
  const order = isPermutation(displayOrder, item.responses.length) ? displayOrder : item.responses.map((_, i) => i);
  const [promptTurns, ...htmls] = await Promise.all([renderPrompt(item.prompt), ...order.map((index) => renderMarkdown(item.responses[index]!.text))]);
  return {
    kind: "ranking",
    item_id: item.externalId,
    prompt_turns: promptTurns,
    responses: order.map((index, position) => ({ index, html: htmls[position]! })),
    lease_expires_at: leaseExpiresAt ? leaseExpiresAt.toISOString() : null,
  };
}

function isPermutation(order: readonly number[], k: number): boolean {
  return order.length === k && new Set(order).size === k && order.every((i) => Number.isInteger(i) && i >= 0 && i < k);
}
