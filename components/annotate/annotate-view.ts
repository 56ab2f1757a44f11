import type { NextItemJson, PairView } from "@/lib/validations/annotate-response";

/**
 * A ranking item as the screen holds it: the prompt and the K responses
 * rendered on the server (lib/annotate/pair-view.ts, the same safe markdown as
 * a pair's), in display order (card 1 first), each with its 0-based index in
 * the item's own responses: what the submitted ranking names.
 */
export type RankingView = {
  kind: "ranking";
  item_id: string;
  prompt_turns: PairView["prompt_turns"];
  responses: { index: number; html: string }[];
  lease_expires_at: string | null;
};

/** A pair (as `GET …/next?view=annotate` renders it) or a ranking item. */
export type AnnotateView = PairView | RankingView;

export const isRankingView = (view: AnnotateView | null | undefined): view is RankingView => (view as RankingView | null)?.kind === "ranking";

/** The `view` of a `GET …/next?view=annotate` answer as the screen holds it: `kind` says which. */
export function toAnnotateView(body: Pick<NextItemJson, "kind" | "view">): AnnotateView | null {
  const view = body.view;
  if (!view) return null;
  if (body.kind !== "ranking") return view;
  return {
    kind: "ranking",
    item_id: view.item_id,
    prompt_turns: view.prompt_turns,
    responses: view.responses_html ?? [],
    lease_expires_at: view.lease_expires_at,
  };
}
