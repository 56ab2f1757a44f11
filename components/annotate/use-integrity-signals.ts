"use client";

import { useCallback, useEffect, useRef } from "react";
import type { IntegritySignalsInput } from "@/lib/validations/integrity";
import { RATIONALE_ID } from "./focus-ids";

type ChoiceInput = NonNullable<IntegritySignalsInput["choice_input"]>;
type Tracked = {
  itemId: string | undefined;
  display: number | null;
  hiddenMs: number;
  hiddenSince: number | null;
  pastes: number;
  pastedChars: number;
  choiceInput: ChoiceInput | undefined;
  choiceChanges: number;
};

function fresh(itemId: string | undefined, display: number | null): Tracked {
  const hiddenSince = typeof document !== "undefined" && document.visibilityState === "hidden" ? performance.now() : null;
  return { itemId, display, hiddenMs: 0, hiddenSince, pastes: 0, pastedChars: 0, choiceInput: undefined, choiceChanges: 0 };
}

const cap = (value: number, max: number) => Math.min(max, Math.max(0, Math.round(value)));

/**
 * What the screen measures while a pair is on screen (docs/formats.md,
 * "Integrity signals"): how long the page was hidden, what was pasted into
 * the rationale, how the choice was made (key, pointer or touch) and how
 * often it changed. Returns a function giving the signals for the submit
 * body's `metadata`; they start again with each pair (`itemId`). A choice
 * restored by Undo is not counted as a choice.
 */
export function useIntegritySignals(itemId: string | undefined, display: number | null): () => IntegritySignalsInput {
  const tracked = useRef<Tracked>(fresh(undefined, null));
  const lastInput = useRef<ChoiceInput>("pointer");

  useEffect(() => {
    const t = tracked.current;
    if (t.itemId !== itemId) {
      tracked.current = fresh(itemId, display);
      return;
    }
    if (display === t.display) return;
    if (t.display !== null) t.choiceChanges++;
    if (display !== null) t.choiceInput = lastInput.current;
    t.display = display;
  }, [itemId, display]);

  useEffect(() => {
    const onVisibility = () => {
      const t = tracked.current;
      if (document.visibilityState === "hidden") t.hiddenSince ??= performance.now();
      else if (t.hiddenSince !== null) {
        t.hiddenMs += performance.now() - t.hiddenSince;
        t.hiddenSince = null;
      }
    };
    const onKey = () => {
      lastInput.current = "key";
    };
    const onPointer = (event: PointerEvent) => {
      lastInput.current = event.pointerType === "touch" ? "touch" : "pointer";
    };
    const onPaste = (event: ClipboardEvent) => {
      if ((event.target as HTMLElement | null)?.id !== RATIONALE_ID) return;
      tracked.current.pastes++;
      tracked.current.pastedChars += [...(event.clipboardData?.getData("text") ?? "")].length;
    };
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("keydown", onKey, true);
    window.addEventListener("pointerdown", onPointer, true);
    document.addEventListener("paste", onPaste, true);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("keydown", onKey, true);
      window.removeEventListener("pointerdown", onPointer, true);
      document.removeEventListener("paste", onPaste, true);
    };
  }, []);

  return useCallback(() => {
    const t = tracked.current;
    const hidden = t.hiddenMs + (t.hiddenSince === null ? 0 : performance.now() - t.hiddenSince);
    return {
      hidden_ms: cap(hidden, 86_400_000),
      pastes: cap(t.pastes, 10_000),
      pasted_chars: cap(t.pastedChars, 1_000_000),
      ...(t.choiceInput ? { choice_input: t.choiceInput } : {}),
      choice_changes: cap(t.choiceChanges, 10_000),
    };
  }, []);
}
