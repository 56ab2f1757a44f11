"use client";

import { useId, useState } from "react";
import type { PairView } from "@/lib/validations/annotate-response";
import { earlierTurnsLabel, foldPrompt } from "./prompt-fold";

const roleLabel = { system: "System", user: "User", assistant: "Assistant" } as const;
type Turn = PairView["prompt_turns"][number];

/**
 * The prompt box. A chat opens on its last user turn (the one both responses
 * answer) with the earlier turns folded behind "N earlier turns"; a text
 * prompt shows as before. The box is a tab stop with a visible focus ring:
 * focused, ↑ ↓ PageUp PageDown Space scroll it natively (the annotation keys
 * are digits and ← →, which still choose). The HTML was rendered and sanitised
 * on the server (lib/markdown), where raw HTML became text.
 */
export function ChatPrompt({ turns, answeredBy = "both responses" }: { turns: Turn[]; answeredBy?: string }) {
  const [expanded, setExpanded] = useState(false);
  const { earlier, shown } = foldPrompt(turns);
  const earlierId = useId();
  const chat = turns.length > 1 || turns[0]?.role !== "user";
  return (
    <section
      aria-label={chat ? `Prompt: a chat of ${turns.length} turns` : "Prompt"}
      tabIndex={0}
      data-testid="prompt-box"
      className="shrink-0 rounded-lg border border-gray-200 bg-white px-4 py-3 focus-visible:border-blue-600 md:max-h-[32vh] md:overflow-auto"
    >
      {earlier.length ? (
        <>
          {/* Sticky inside the box on desktop (where the box scrolls), so "Hide" stays at hand. */}
          <div className="bg-white md:sticky md:-top-3 md:z-[1] md:-mx-4 md:-mt-3 md:px-4 md:pt-3 md:pb-1">
            <button
              type="button"
              aria-expanded={expanded}
              aria-controls={earlierId}
              onClick={() => setExpanded((open) => !open)}
              className="rounded border border-gray-300 bg-gray-50 px-2 py-0.5 text-xs text-gray-700 hover:bg-gray-100"
            >
              {expanded ? `Hide ${earlierTurnsLabel(earlier.length)}` : `Show ${earlierTurnsLabel(earlier.length)}`}
            </button>
          </div>
          <div id={earlierId} hidden={!expanded}>
            {earlier.map((turn, index) => (
              <TurnView key={index} turn={turn} showRole divided />
            ))}
          </div>
        </>
      ) : null}
      {shown.map((turn, index) => (
        <TurnView key={index} turn={turn} showRole={chat} divided={index > 0 || earlier.length > 0} last={earlier.length > 0 && index === 0 && turn.role === "user"} answeredBy={answeredBy} />
      ))}
    </section>
  );
}

function TurnView({ turn, showRole, divided, last, answeredBy }: { turn: Turn; showRole: boolean; divided: boolean; last?: boolean; answeredBy?: string }) {
  return (
    <div className={divided ? "mt-3 border-t border-gray-100 pt-3" : ""} data-role={turn.role}>
      {showRole ? (
        <div className="mb-1 text-xs font-semibold uppercase tracking-wide text-gray-500">
          {roleLabel[turn.role]}
          {last ? <span className="ml-2 font-normal normal-case tracking-normal text-gray-500">— the turn {answeredBy} answer</span> : null}
        </div>
      ) : null}
      <div className="prose-pw" dangerouslySetInnerHTML={{ __html: turn.html }} />
    </div>
  );
}
