import { describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { createItems, createProject, createUser, judgmentInput } from "@/lib/assignment/test-fixtures";
import { leaseNextItem } from "@/lib/assignment/lease-next-item";
import { submitJudgment } from "@/lib/judgments/submit-judgment";
import { skipItem } from "@/lib/judgments/skip-item";
import { getProjectStats } from "./get-project-stats";

withTestDb();

describe("getProjectStats", () => {
  it("is all zeros and nulls for a new project", async () => {
    const project = await createProject();
    expect(await getProjectStats({ projectId: project.id })).toEqual({
      items: 0, items_complete: 0, judgments: 0, wanted: 0, annotators: 0, members: 0, skips: 0, active_leases: 0, tie_rate: null, last_judgment_at: null,
      adaptive: {
        overlap_min: 3, overlap_max: 3, stop_share: 0.75, stop_on: "share", items_finished: 0, finished_by: { max: 0, unanimous: 0, share: 0, bound: 0 },
        items_finished_early: 0, items_open_disagreeing: 0, judgments_spent: 0, fixed_max_cost: 0, finished_spent: 0, finished_fixed_cost: 0, wanted: 0,
      },
    });
  });

  it("counts progress, annotators, members, skips, live leases and ties", async () => {
    const project = await createProject({ overlap: 2 });
    await createItems(project.id, 3);
    const [ana, ben, cy] = [await createUser("ana"), await createUser("ben"), await createUser("cy")];
    await db.membership.createMany({ data: [ana, ben, cy].map((u) => ({ userId: u.id, projectId: project.id })) });
    // ana and ben judge the first item (complete at overlap 2): one tie, one preference.
    const [first] = await db.item.findMany({ where: { projectId: project.id, externalId: "q-001" } });
    for (const [user, preference] of [[ana, 0], [ben, 2]] as const) {
      await db.assignment.create({ data: { itemId: first!.id, userId: user.id, swapped: false, expiresAt: new Date(Date.now() + 60_000), open: false } });
      await submitJudgment({ userId: user.id, project, input: judgmentInput("q-001", preference) });
    }
    // ana holds the next one; cy skips one; ben's next lease has expired.
    await leaseNextItem({ userId: ana.id, projectId: project.id });
    await skipItem({ userId: cy.id, projectId: project.id, input: { item_id: "q-003", reason: "unreadable" } });
    const stale = (await leaseNextItem({ userId: ben.id, projectId: project.id }))!;
    await db.assignment.update({ where: { id: stale.assignmentId }, data: { expiresAt: new Date(Date.now() - 1000) } });

    const stats = await getProjectStats({ projectId: project.id });
    const last = await db.judgment.findFirstOrThrow({ orderBy: { createdAt: "desc" }, where: { item: { projectId: project.id } } });
    expect(stats).toEqual({
      items: 3,
      items_complete: 1,
      judgments: 2,
      wanted: 6,
      annotators: 2,
      members: 3,
      skips: 1,
      active_leases: 1,
      tie_rate: 0.5,
      last_judgment_at: last.createdAt.toISOString(),
      // A fixed overlap is the rule k = K = 2: q-001 finished at K, nothing early.
      adaptive: {
        overlap_min: 2, overlap_max: 2, stop_share: 0.75, stop_on: "share", items_finished: 1, finished_by: { max: 1, unanimous: 0, share: 0, bound: 0 },
        items_finished_early: 0, items_open_disagreeing: 0, judgments_spent: 2, fixed_max_cost: 6, finished_spent: 2, finished_fixed_cost: 2, wanted: 6,
      },
    });
  });

  it("is a 404 for an unknown project", async () => {
    await expect(getProjectStats({ projectId: "nope" })).rejects.toMatchObject({ code: "not_found" });
  });
});
