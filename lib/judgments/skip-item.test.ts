import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { leaseNextItem } from "@/lib/assignment/lease-next-item";
import { withTestDb } from "@/test/db";
import { createItems, createProject, createUser, itemCounters, judgmentInput } from "@/lib/assignment/test-fixtures";
import { skipItem } from "./skip-item";
import { submitJudgment } from "./submit-judgment";

withTestDb();

describe("skipItem", () => {
  it("records the reason, frees the lease, and never offers the item again", async () => {
    const project = await createProject();
    await createItems(project.id, 2);
    const user = await createUser();
    const lease = (await leaseNextItem({ userId: user.id, projectId: project.id }))!;
    const input = { item_id: lease.externalId, reason: "I cannot read code" };

    expect(await skipItem({ userId: user.id, projectId: project.id, input })).toEqual({ created: true });
    expect(await db.skip.findMany({ where: { userId: user.id }, select: { reason: true } })).toEqual([{ reason: "I cannot read code" }]);
    expect(await db.assignment.findUniqueOrThrow({ where: { id: lease.assignmentId } })).toMatchObject({ open: false });
    expect(await itemCounters(project.id)).toEqual([
      { externalId: "q-001", judgmentCount: 0, activeLeases: 0 },
      { externalId: "q-002", judgmentCount: 0, activeLeases: 0 },
    ]);
    expect(await leaseNextItem({ userId: user.id, projectId: project.id })).toMatchObject({ externalId: "q-002" });
    // Others still get the skipped item.
    const other = await createUser();
    expect(await leaseNextItem({ userId: other.id, projectId: project.id })).toMatchObject({ externalId: "q-001" });
  });

  it("is idempotent, also when two skips race", async () => {
    const project = await createProject();
    await createItems(project.id, 1);
    const user = await createUser();
    await leaseNextItem({ userId: user.id, projectId: project.id });
    const input = { item_id: "q-001", reason: "off-topic" };
    const results = await Promise.all([1, 2].map(() => skipItem({ userId: user.id, projectId: project.id, input })));
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    expect(await skipItem({ userId: user.id, projectId: project.id, input: { ...input, reason: "again" } })).toEqual({ created: false });
    expect(await db.skip.count({ where: { userId: user.id } })).toBe(1);
    expect((await itemCounters(project.id))[0]).toMatchObject({ activeLeases: 0 });
  });

  it("works without a lease, and refuses a judged or unknown item", async () => {
    const project = await createProject();
    await createItems(project.id, 2);
    const user = await createUser();
    expect(await skipItem({ userId: user.id, projectId: project.id, input: { item_id: "q-002", reason: "seen it" } })).toEqual({ created: true });
    const lease = (await leaseNextItem({ userId: user.id, projectId: project.id }))!;
    expect(lease.externalId).toBe("q-001");
    await submitJudgment({ userId: user.id, project, input: judgmentInput("q-001", 1) });
    await expect(skipItem({ userId: user.id, projectId: project.id, input: { item_id: "q-001", reason: "x" } })).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(skipItem({ userId: user.id, projectId: project.id, input: { item_id: "nope", reason: "x" } })).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
