"use client";

import { useLayoutEffect } from "react";
import type { RankingView } from "./annotate-view";
import { ChatPrompt } from "./chat-prompt";
import { RankList } from "./rank-list";
import { describeTiers, ordinal, placedCount, tierIndexOf, type RankOp, type RankState } from "./ranking-steps";

type Props = { view: RankingView; rank: RankState; allowTies: boolean; onStep: (step: RankOp) => void };

/**
 * A ranking item (README, "Ranking items"): the prompt on top, the K
 * responses as numbered cards 1..K in display order, and beside them (below
 * them on phones) the order built so far (rank-list.tsx). Each card shows its
 * rank once placed, in words as well as colour. The HTML was rendered and
 * sanitised on the server (lib/annotate/ranking-view.ts), where raw HTML
 * became text. Mounted once per item (keyed), so it opens scrolled to the top.
 */
export function RankingPanes({ view, rank, allowTies, onStep }: Props) {
  const k = view.responses.length;

  useLayoutEffect(() => {
    window.scrollTo(0, 0);
    for (let el = document.getElementById("ranking-cards"); el; el = el.parentElement) el.scrollTop = 0;
  }, []);

  return (
    <div className="flex flex-1 flex-col gap-3 p-3 md:min-h-0 md:p-4">
      <ChatPrompt turns={view.prompt_turns} answeredBy="the responses" />
      <div className="flex flex-col gap-3 md:min-h-0 md:flex-1 md:flex-row">
        <p
          className="sticky top-0 z-10 -mx-3 border-b border-gray-200 bg-[#f7f7f5] px-3 py-1.5 text-sm md:hidden"
          data-testid="rank-summary"
          aria-hidden
        >
          {rank.tiers.length ? (
            <>
              Your ranking: <span className="font-semibold">{describeTiers(rank.tiers)}</span>
              {placedCount(rank) === k - 1 ? " (the one left goes last)" : ""}
            </>
          ) : (
            "Tap “Rank 1st” on the best response, then the next best…"
          )}
        </p>
        <div
          id="ranking-cards"
          className={`grid grid-cols-1 content-start gap-3 md:min-h-0 md:flex-1 md:overflow-auto md:p-0.5 ${k > 4 ? "md:grid-cols-2 xl:grid-cols-3" : "md:grid-cols-2"}`}
        >
          {view.responses.map((response, position) => {
            const tier = tierIndexOf(rank, position);
            return (
              <section
                key={position}
                aria-label={`Response ${position + 1}${tier === null ? "" : `, ranked ${ordinal(tier + 1)}`}`}
                data-testid="ranking-card"
                data-rank={tier === null ? "" : tier + 1}
                className={`flex flex-col rounded-lg border bg-white ${tier === null ? "border-gray-200" : "border-blue-700 ring-1 ring-blue-700"}`}
              >
                <header className="flex shrink-0 items-center gap-2 border-b border-gray-100 px-3 py-1.5 text-sm">
                  <span className="font-semibold text-gray-800">
                    Response {position + 1} <kbd className="hidden sm:inline">{position + 1}</kbd>
                  </span>
                  {tier === null ? (
                    <button
                      type="button"
                      onClick={() => onStep({ op: "place", position })}
                      className="ml-auto rounded border border-gray-300 bg-white px-2 py-0.5 text-xs text-gray-800 hover:bg-gray-50"
                    >
                      {rank.tiePending && allowTies ? `Tie with ${ordinal(rank.tiers.length)}` : `Rank ${ordinal(rank.tiers.length + 1)}`}
                    </button>
                  ) : (
                    <span className="ml-auto rounded bg-blue-700 px-2 py-0.5 text-xs font-semibold text-white" data-testid="rank-badge">
                      {ordinal(tier + 1)}
                      {rank.tiers[tier]!.length > 1 ? " (tie)" : ""}
                    </span>
                  )}
                </header>
                <div tabIndex={0} className="prose-pw px-4 py-3 md:max-h-[26rem] md:overflow-auto" dangerouslySetInnerHTML={{ __html: response.html }} />
              </section>
            );
          })}
        </div>
        <RankList k={k} rank={rank} allowTies={allowTies} onStep={onStep} />
      </div>
    </div>
  );
}
