import { describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { leaseNextItem } from "@/lib/assignment/lease-next-item";
import { createProject, createUser } from "@/lib/assignment/test-fixtures";
import { submitJudgment } from "@/lib/judgments/submit-judgment";
import { submitJudgmentInput } from "@/lib/validations/judgment";
import { getProjectAgreement } from "@/lib/agreement/project-agreement";
import { getProjectLeaderboard } from "@/lib/ranking/project-leaderboard";
import { createRankingItems } from "./test-fixtures";

withTestDb();

let n = 0;
async function rankAll(project: Awaited<ReturnType<typeof createProject>>, rankings: number[][][]) {
  for (const ranking of rankings) {
    const user = await createUser();
    const lease = (await leaseNextItem({ userId: user.id, projectId: project.id }))!;
    await submitJudgment({ userId: user.id, project, input: submitJudgmentInput.parse({ item_id: lease.externalId, ranking, client_id: `agree-client-${n++}` }) });
  }
}

describe("agreement and leaderboard over ranking judgments", () => {
  it("gives Kendall's W per item, α over implied pairs, and counts the implied pairs in the pair figures", async () => {
    const project = await createProject({ overlap: 3, scale: 2 });
    await createRankingItems(project.id, 1, 4);
    // The worked example of kendall-w.test.ts: W = 7/9.
    await rankAll(project, [[[0], [1], [2], [3]], [[0], [2], [1], [3]], [[1], [0], [2], [3]]]);
    const { agreement, rankings } = await getProjectAgreement({ projectId: project.id });
    expect(rankings).toMatchObject({ items: 1, rankings: 3, per_item: [{ item_id: "r-001", n_rankings: 3 }] });
    expect(rankings!.mean_kendall_w).toBeCloseTo(7 / 9, 12);
    expect(rankings!.alpha_ordinal_implied_pairs).not.toBeNull();
    // The pair figures count each ranking as its six implied pairs, each pair a unit (docs/formats.md, "Implied pairs").
    expect(agreement).toMatchObject({ items: 6, judgments: 18, annotators: 3, items_with_multiple_judgments: 6 });
  });

  it("has no ranking figures in a project without ranking items", async () => {
    const project = await createProject();
    expect((await getProjectAgreement({ projectId: project.id })).rankings).toBeNull();
  });

  // The leaderboard reads the kept model-pair counts, which hold each ranking's implied pairs with the models of their responses.
  it("ranks the models of a ranking item's responses by their implied pairs", async () => {
    const project = await createProject({ overlap: 2 });
    await createRankingItems(project.id, 2, 3);
    // m-2 always best, then m-0, then m-1.
    await rankAll(project, [[[2], [0], [1]], [[2], [0], [1]], [[2], [0], [1]], [[2], [0], [1]]]);
    const board = await getProjectLeaderboard({ projectId: project.id, bootstrap: 0 });
    expect(board.models.map((m) => m.model)).toEqual(["m-2", "m-0", "m-1"]);
    expect(board.judgments_without_models).toBe(0);
  });
});
