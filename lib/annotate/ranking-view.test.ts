import { describe, expect, it } from "vitest";
import { buildRankingView } from "./ranking-view";
import { rankingView } from "@/lib/validations/ranking-view";

const item = {
  externalId: "r1",
  prompt: [
    { role: "user", content: "Hi" },
    { role: "assistant", content: "Hello" },
    { role: "user", content: "Rank **these**" },
  ],
  responses: [{ text: "zero" }, { text: "one <script>alert(1)</script>" }, { text: "**two**" }, { text: "three" }],
};

describe("buildRankingView", () => {
  it("renders the responses in the lease's display order with their item indices", async () => {
    const view = await buildRankingView(item, [2, 0, 3, 1], new Date("2026-11-29T08:00:00Z"));
    expect(rankingView.parse(view)).toEqual(view);
    expect(view.responses.map((r) => r.index)).toEqual([2, 0, 3, 1]);
    expect(view.responses[0]!.html).toContain("<strong>two</strong>");
    expect(view.prompt_turns.map((t) => t.role)).toEqual(["user", "assistant", "user"]);
    expect(view.lease_expires_at).toBe("2026-11-29T08:00:00.000Z");
  });

  it("keeps model output inert: raw HTML becomes text", async () => {
    const view = await buildRankingView(item, [0, 1, 2, 3], null);
    expect(view.responses[1]!.html).not.toContain("<script");
    expect(view.responses[1]!.html).toContain("&#x3C;script>");
  });

  it("falls back to the item's own order when the stored order is not a permutation of 0..K-1", async () => {
    for (const order of [[], [0, 0, 1, 2], [0, 1, 2, 4]]) {
      const view = await buildRankingView(item, order, null);
      expect(view.responses.map((r) => r.index)).toEqual([0, 1, 2, 3]);
    }
  });
});
