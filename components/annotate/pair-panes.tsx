"use client";

import { useLayoutEffect, useRef, useState } from "react";
import type { PairView } from "@/lib/validations/annotate-response";
import { ChatPrompt } from "./chat-prompt";
import { ResponseSwitcher, type Side } from "./response-switcher";

/**
 * The prompt on top (chat-prompt.tsx) and the two responses side by side,
 * each scrolling on its own; on phones one at a time behind the A/B tabs
 * (response-switcher.tsx). Mounted once per pair (keyed by item), so every
 * new pair opens scrolled to the top, on response A. The HTML was rendered
 * and sanitised on the server (lib/markdown), where raw HTML became text.
 */
export function PairPanes({ pair }: { pair: PairView }) {
  const [side, setSide] = useState<Side>("A");
  const responses = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    // The page scrolls on phones, the layout's column on desktop: both back to the top.
    window.scrollTo(0, 0);
    for (let el = responses.current?.parentElement ?? null; el; el = el.parentElement) el.scrollTop = 0;
  }, []);

  function show(next: Side) {
    setSide(next);
    // Bring the start of the chosen response under the tabs if the reader had scrolled past it.
    const top = responses.current?.getBoundingClientRect().top ?? 0;
    if (top < 0) responses.current?.scrollIntoView({ block: "start" });
  }

  return (
    <div className="flex flex-1 flex-col gap-3 p-3 md:min-h-0 md:p-4">
      <ChatPrompt turns={pair.prompt_turns} />
      <div ref={responses} className="scroll-mt-0 md:contents">
        <ResponseSwitcher side={side} onChange={show} />
        <div className="mt-1.5 grid grid-cols-1 gap-3 md:mt-0 md:min-h-0 md:flex-1 md:grid-cols-2">
          <ResponsePane label="A" side="left" html={pair.left_html} active={side === "A"} />
          <ResponsePane label="B" side="right" html={pair.right_html} active={side === "B"} />
        </div>
      </div>
    </div>
  );
}

function ResponsePane({ label, side, html, active }: { label: Side; side: string; html: string; active: boolean }) {
  return (
    <section
      id={`response-pane-${label}`}
      aria-label={`Response ${label}`}
      className={`${active ? "flex" : "hidden md:flex"} flex-col rounded-lg border border-gray-200 bg-white md:min-h-0`}
      data-side={side}
    >
      <h2 className="shrink-0 border-b border-gray-100 px-4 py-2 text-sm font-semibold text-gray-700">Response {label}</h2>
      <div tabIndex={0} className="prose-pw px-4 py-3 md:min-h-0 md:flex-1 md:overflow-auto" dangerouslySetInnerHTML={{ __html: html }} />
    </section>
  );
}
