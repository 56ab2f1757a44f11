import { describe, expect, it } from "vitest";
import { buildPairView } from "./pair-view";
import { pairView } from "@/lib/validations/annotate-response";

const item = {
  externalId: "r1",
  prompt: [
    { role: "user", content: "Hi" },
    { role: "assistant", content: "Hello" },
    { role: "user", content: "Rank **these**" },
  ],
  responseA: "",
  responseB: "",
  responses: [{ text: "zero" }, { text: "one <script>alert(1)</script>" }, { text: "**two**" }, { text: "three" }],
};

/** The ranking screen's view (components/annotate/ranking-panes.tsx) is built here: what it relies on. */
describe("buildPairView of a ranking item", () => {
  it("renders the responses in the lease's display order with their item indices", async () => {
    const view = await buildPairView(item, false, new Date("2026-11-29T08:00:00Z"), [2, 0, 3, 1]);
    expect(pairView.parse(view)).toEqual(view);
    expect(view.responses_html?.map((r) => r.index)).toEqual([2, 0, 3, 1]);
    expect(view.responses_html?.[0]?.html).toContain("<strong>two</strong>");
    expect(view.prompt_turns.map((t) => t.role)).toEqual(["user", "assistant", "user"]);
    expect(view.lease_expires_at).toBe("2026-11-29T08:00:00.000Z");
  });

  it("keeps model output inert: raw HTML becomes text", async () => {
    const view = await buildPairView(item, false, null, [0, 1, 2, 3]);
    expect(view.responses_html?.[1]?.html).not.toContain("<script");
    expect(view.responses_html?.[1]?.html).toContain("&#x3C;script>");
  });

  it("shows the item's own order for a lease without a stored order", async () => {
    const view = await buildPairView(item, false, null, []);
    expect(view.responses_html?.map((r) => r.index)).toEqual([0, 1, 2, 3]);
  });
});
