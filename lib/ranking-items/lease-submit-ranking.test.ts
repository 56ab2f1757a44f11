import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { withTestDb } from "@/test/db";
import { failure } from "@/test/app-error";
import { leaseNextItem } from "@/lib/assignment/lease-next-item";
import { getNextPair } from "@/lib/annotate/get-next-pair";
import { createItems, createProject, createUser, itemCounters } from "@/lib/assignment/test-fixtures";
import { submitJudgment } from "@/lib/judgments/submit-judgment";
import { skipItem } from "@/lib/judgments/skip-item";
import { submitJudgmentInput } from "@/lib/validations/judgment";
import { leasedItemJson } from "@/lib/validations/annotate-response";
import { createRankingItems, seeded } from "./test-fixtures";

withTestDb();

let clients = 0;
const rankingInput = (itemId: string, ranking: number[][]) =>
  submitJudgmentInput.parse({ item_id: itemId, ranking, client_id: `client-${Date.now()}-${clients++}` });

describe("leasing and judging ranking items", () => {
  it("leases with a stored random display order, and /next lists the responses in that order", async () => {
    const project = await createProject({ overlap: 2 });
    await createRankingItems(project.id, 1, 5);
    const user = await createUser();
    const lease = (await leaseNextItem({ userId: user.id, projectId: project.id, orderRandom: seeded(7) }))!;
    expect([...lease.displayOrder].sort()).toEqual([0, 1, 2, 3, 4]);
    const stored = await db.assignment.findUniqueOrThrow({ where: { id: lease.assignmentId } });
    expect(stored.displayOrder).toEqual(lease.displayOrder);

    // Resuming the held lease keeps the order; /next shows it with item indices.
    const next = (await getNextPair({ userId: user.id, projectId: project.id }))!;
    const body = leasedItemJson.parse(next.api);
    expect(body.kind).toBe("ranking");
    expect(body.responses!.map((r) => r.index)).toEqual(lease.displayOrder);
    expect(body.responses![0]).toEqual({ index: lease.displayOrder[0], text: `r1 answer ${lease.displayOrder[0]}`, model: `m-${lease.displayOrder[0]}` });
  });

  it("draws every order of 3 responses over many leases (a permutation, not a fixed one)", async () => {
    const project = await createProject({ overlap: 1 });
    await createRankingItems(project.id, 30, 3);
    const random = seeded(11);
    const orders = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const user = await createUser();
      const lease = (await leaseNextItem({ userId: user.id, projectId: project.id, orderRandom: random }))!;
      orders.add(lease.displayOrder.join(""));
    }
    expect(orders.size).toBe(6);
  });

  it("pair items say kind pair and carry no responses", async () => {
    const project = await createProject();
    await createItems(project.id, 1);
    const user = await createUser();
    const next = (await getNextPair({ userId: user.id, projectId: project.id }))!;
    expect(next.api.kind).toBe("pair");
    expect(next.api).not.toHaveProperty("responses");
  });

  it("stores a ranking in item terms with the order shown, and counts it like a judgment", async () => {
    const project = await createProject({ overlap: 2 });
    await createRankingItems(project.id, 1, 4);
    const user = await createUser();
    const lease = (await leaseNextItem({ userId: user.id, projectId: project.id, orderRandom: seeded(3) }))!;
    const input = rankingInput(lease.externalId, [[2], [0, 3], [1]]);
    const { judgment, created } = await submitJudgment({ userId: user.id, project, input });
    expect(created).toBe(true);
    expect(judgment).toMatchObject({ preference: null, ranking: [[2], [0, 3], [1]], shownOrder: lease.displayOrder, shownSwapped: null });
    const row = await db.judgment.findUniqueOrThrow({ where: { id: judgment.id } });
    expect(row.ranking).toEqual([[2], [0, 3], [1]]);
    expect(row.shownOrder).toEqual(lease.displayOrder);
    expect(await itemCounters(project.id)).toEqual([{ externalId: "r-001", judgmentCount: 1, activeLeases: 0 }]);
    // A retry with the same client id gives the same judgment back.
    const again = await submitJudgment({ userId: user.id, project, input });
    expect(again).toMatchObject({ created: false, judgment: { id: judgment.id } });
  });

  it("refuses a wrong form, a bad ranking, and ties where the project has none, with clear messages", async () => {
    const project = await createProject({ allowTie: false });
    await createRankingItems(project.id, 1, 4);
    await createItems(project.id, 1);
    const user = await createUser();
    // Both were created at the same instant: lease both (the first is held until judged, so exclude it).
    const first = (await leaseNextItem({ userId: user.id, projectId: project.id }))!;
    const second = (await leaseNextItem({ userId: user.id, projectId: project.id, excludeItemIds: [first.itemId] }))!;
    expect([first.externalId, second.externalId].sort()).toEqual(["q-001", "r-001"]);
    const ranking = rankingInput("q-001", [[0], [1]]);
    expect(await failure(submitJudgment({ userId: user.id, project, input: ranking }))).toMatchObject({
      code: "unprocessable",
      message: "ranking: this is a pair item: send preference, not ranking",
    });
    const asPair = submitJudgmentInput.parse({ item_id: "r-001", preference: 1, client_id: "pair-client-2" });
    expect(await failure(submitJudgment({ userId: user.id, project, input: asPair }))).toMatchObject({
      message: "preference: this is a ranking item of 4 responses: send ranking, not preference",
    });
    expect(await failure(submitJudgment({ userId: user.id, project, input: rankingInput("r-001", [[0], [1], [2]]) }))).toMatchObject({
      message: "ranking: every response must be ranked: missing 3",
    });
    expect(await failure(submitJudgment({ userId: user.id, project, input: rankingInput("r-001", [[0], [1], [2], [2]]) }))).toMatchObject({
      message: "ranking: index 2 appears more than once",
    });
    expect(await failure(submitJudgment({ userId: user.id, project, input: rankingInput("r-001", [[0, 1], [2], [3]]) }))).toMatchObject({
      message: "ranking: ties are not allowed in this project: one response per tier",
    });
    expect(submitJudgmentInput.safeParse({ item_id: "r-001", client_id: "client-xyz", ranking: [[0], [1]], preference: 0 }).error?.issues[0]?.message).toBe(
      "send either preference (a pair item) or ranking (a ranking item), not both",
    );
    expect(await db.judgment.count({ where: { userId: user.id } })).toBe(0);
  });

  it("respects the overlap and skips as pair items do", async () => {
    const project = await createProject({ overlap: 1 });
    await createRankingItems(project.id, 2, 3);
    const [first, second, third] = [await createUser(), await createUser(), await createUser()];
    const a = (await leaseNextItem({ userId: first.id, projectId: project.id }))!;
    const b = (await leaseNextItem({ userId: second.id, projectId: project.id }))!;
    expect([a.externalId, b.externalId]).toEqual(["r-001", "r-002"]);
    expect(await leaseNextItem({ userId: third.id, projectId: project.id })).toBeNull();
    await skipItem({ userId: second.id, projectId: project.id, input: { item_id: "r-002", reason: "cannot read" } });
    expect((await leaseNextItem({ userId: third.id, projectId: project.id }))?.externalId).toBe("r-002");
  });

  it("serves a gold ranking item as a check and scores it by Kendall distance", async () => {
    const project = await createProject({ goldRate: 1, goldFeedback: "training" });
    await createRankingItems(project.id, 1, 4, { goldRanking: [[0], [1], [2], [3]] });
    await createItems(project.id, 1);
    const user = await createUser();
    const lease = (await leaseNextItem({ userId: user.id, projectId: project.id, random: () => 0 }))!;
    expect(lease.externalId).toBe("r-001");
    expect([...lease.displayOrder].sort()).toEqual([0, 1, 2, 3]);
    // One adjacent pair swapped of six: within the 20% tolerance.
    const { feedback, judgment } = await submitJudgment({ userId: user.id, project, input: rankingInput("r-001", [[1], [0], [2], [3]]) });
    expect(feedback).toEqual({ expected_ranking: [[0], [1], [2], [3]], explanation: "", correct: true });
    expect(judgment).toMatchObject({ preference: null, ranking: [[1], [0], [2], [3]] });
    const check = await db.checkAnswer.findFirstOrThrow({ where: { userId: user.id } });
    expect(check).toMatchObject({ kind: "GOLD", correct: true, firstRanking: [[1], [0], [2], [3]], displayOrder: lease.displayOrder });
    expect(await db.judgment.count({ where: { userId: user.id } })).toBe(0);
  });
});
