"use client";

import { useEffect, useState } from "react";
import { pairsLeft, progressText, type ProgressStart } from "@/lib/annotate/progress-text";

/**
 * This session's judgments, kept in sessionStorage per user and project so a
 * reload of the tab goes on counting (a new tab or window starts a new
 * session). `judgedSinceLoad` is the screen's own count since the page loaded.
 */
export function useSessionJudged(userId: string, slug: string, judgedSinceLoad: number): number {
  const key = `pairwise:session-judged:${userId}:${slug}`;
  const [base, setBase] = useState<number | null>(null);
  useEffect(() => {
    let stored = 0;
    try {
      stored = Math.max(0, Number.parseInt(sessionStorage.getItem(key) ?? "0", 10) || 0);
    } catch {
      // storage blocked: count from this load only
    }
    // sessionStorage exists only after mount, so this cannot be initial state.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setBase(stored);
  }, [key]);
  const total = (base ?? 0) + judgedSinceLoad;
  useEffect(() => {
    if (base === null) return;
    try {
      sessionStorage.setItem(key, String(total));
    } catch {
      // storage full or blocked: the count still shows for this load
    }
  }, [key, base, total]);
  return total;
}

/**
 * The status line of the annotation screen: "4 judged this session · 12 left
 * for you", counted down on the client after each judgment or skip from what
 * was available when the page loaded (lib/annotate/progress-text.ts), so no
 * judgment costs an extra query.
 */
export function ProgressLine(props: {
  judgedThisSession: number;
  start: ProgressStart;
  judgedSinceLoad: number;
  skippedSinceLoad: number;
  exhausted: boolean;
  held: number;
  saving: number;
}) {
  const { left, capped } = pairsLeft({
    start: props.start,
    judged: props.judgedSinceLoad,
    skipped: props.skippedSinceLoad,
    exhausted: props.exhausted,
    held: props.held,
  });
  return (
    <span className="text-gray-600" aria-live="polite" data-testid="progress-line">
      {props.judgedThisSession} judged this session
      {" · "}
      <span className="font-medium text-gray-800">{progressText({ left, skipped: props.start.skipped + props.skippedSinceLoad, capped })}</span>
      {props.saving ? ` · ${props.saving} saving…` : ""}
    </span>
  );
}
