import { describe, expect, it } from "vitest";
import { leaseNextItem } from "@/lib/assignment/lease-next-item";
import { withTestDb } from "@/test/db";
import { createItems, createProject, createUser, judgmentInput } from "@/lib/assignment/test-fixtures";
import { listRecentJudgments } from "./list-recent-judgments";
import { submitJudgment } from "./submit-judgment";

withTestDb();

describe("listRecentJudgments", () => {
  it("gives the user's own latest judgments in this project, newest first", async () => {
    const project = await createProject({ overlap: 2 });
    await createItems(project.id, 3);
    const [user, other] = [await createUser(), await createUser()];
    // A clock passed in, a second per judgment, orders them (no sleeping between submits).
    const start = Date.now();
    let tick = 0;
    for (const [who, preference] of [[user, -1], [other, 2], [user, 3], [user, 0]] as const) {
      const lease = (await leaseNextItem({ userId: who.id, projectId: project.id }))!;
      const now = new Date(start + ++tick * 1000);
      await submitJudgment({ userId: who.id, project, input: judgmentInput(lease.externalId, preference, { rationale: `p${preference}` }), now });
    }
    const elsewhere = await createProject();
    await createItems(elsewhere.id, 1);
    await leaseNextItem({ userId: user.id, projectId: elsewhere.id });
    await submitJudgment({ userId: user.id, project: elsewhere, input: judgmentInput("q-001", 1) });

    const recent = await listRecentJudgments({ userId: user.id, projectId: project.id, limit: 10 });
    expect(recent.map((j) => [j.externalId, j.preference, j.rationale])).toEqual([
      ["q-002", 0, "p0"],
      ["q-003", 3, "p3"],
      ["q-001", -1, "p-1"],
    ]);
    expect(recent[0]).toMatchObject({ flags: [], attributes: {}, shownSwapped: expect.any(Boolean) });
    expect(await listRecentJudgments({ userId: user.id, projectId: project.id, limit: 2 })).toHaveLength(2);
    expect(await listRecentJudgments({ userId: user.id, projectId: project.id, limit: 0 })).toHaveLength(1);
  });
});
