import type { RankedResponse } from "@/lib/validations/item";

/**
 * A stored Item.responses value read back: the list of a ranking item's
 * responses, or null for a pair item (responses NULL). Stored values were
 * validated at import, so only the kind is checked here.
 */
export function rankedResponses(value: unknown): RankedResponse[] | null {
  return Array.isArray(value) ? (value as RankedResponse[]) : null;
}

/** The responses in a lease's display order, each with its index in the item (what a ranking names). */
export function inDisplayOrder(
  responses: readonly RankedResponse[],
  displayOrder: readonly number[],
): { index: number; text: string; model?: string }[] {
  // A lease always has a full permutation; an empty one (a row from before ranking items) shows item order.
  const order = displayOrder.length === responses.length ? displayOrder : responses.map((_, index) => index);
  return order.map((index) => {
    const response = responses[index]!;
    return response.model ? { index, text: response.text, model: response.model } : { index, text: response.text };
  });
}
