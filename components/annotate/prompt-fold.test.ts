import { describe, expect, it } from "vitest";
import { earlierTurnsLabel, foldPrompt } from "./prompt-fold";

const t = (role: "system" | "user" | "assistant", html: string) => ({ role, html });

describe("foldPrompt", () => {
  it("opens a chat on its last user turn and folds every earlier turn, the system message included", () => {
    const turns = [t("system", "s"), t("user", "u1"), t("assistant", "a1"), t("user", "u2")];
    const folded = foldPrompt(turns);
    expect(folded.shown.map((x) => x.html)).toEqual(["u2"]);
    expect(folded.earlier.map((x) => x.html)).toEqual(["s", "u1", "a1"]);
  });

  it("keeps turns after the last user turn in view", () => {
    const folded = foldPrompt([t("user", "u1"), t("assistant", "a1"), t("user", "u2"), t("assistant", "a2")]);
    expect(folded.shown.map((x) => x.html)).toEqual(["u2", "a2"]);
    expect(folded.earlier).toHaveLength(2);
  });

  it("folds nothing in a text prompt, a one-message chat, or a chat without a user turn", () => {
    expect(foldPrompt([t("user", "text")])).toEqual({ earlier: [], shown: [t("user", "text")] });
    expect(foldPrompt([])).toEqual({ earlier: [], shown: [] });
    expect(foldPrompt([t("system", "s"), t("assistant", "a")]).earlier).toEqual([]);
  });

  it("counts turns in words", () => {
    expect(earlierTurnsLabel(1)).toBe("1 earlier turn");
    expect(earlierTurnsLabel(3)).toBe("3 earlier turns");
  });
});
