/**
 * How the prompt box opens (issue 11): in a chat, on the last user turn — the
 * one both responses answer — with every earlier turn (system message
 * included) folded behind "N earlier turns". A single-turn prompt (a text
 * prompt, or a chat of one user message) folds nothing. Pure, so it is
 * tested without a browser.
 */
export type PromptTurn = { role: "system" | "user" | "assistant"; html: string };

export type FoldedPrompt<T extends PromptTurn = PromptTurn> = {
  /** Turns before the last user turn, hidden until expanded. */
  earlier: T[];
  /** The last user turn and anything after it: shown on open. */
  shown: T[];
};

export function foldPrompt<T extends PromptTurn>(turns: readonly T[]): FoldedPrompt<T> {
  let last = -1;
  for (let i = turns.length - 1; i >= 0; i--) {
    if (turns[i]!.role === "user") {
      last = i;
      break;
    }
  }
  // No user turn at all (not importable today): show everything, fold nothing.
  if (last <= 0) return { earlier: [], shown: [...turns] };
  return { earlier: turns.slice(0, last), shown: turns.slice(last) };
}

/** "1 earlier turn", "3 earlier turns". */
export function earlierTurnsLabel(count: number): string {
  return `${count} earlier ${count === 1 ? "turn" : "turns"}`;
}
