import { describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { createActor, createProjectWith } from "@/test/admin-fixtures";
import { db } from "@/lib/db";
import { submitJudgment } from "@/lib/judgments/submit-judgment";
import { skipItem } from "@/lib/judgments/skip-item";
import { setUserDisabled } from "@/lib/users/set-user-disabled";
import { removeMember } from "@/lib/members/remove-member";
import { leaseNextItem } from "./lease-next-item";
import { reclaimExpiredLeases } from "./reclaim-expired-leases";
import { releaseLeases } from "./release-leases";
import { createItems, judgmentInput } from "./test-fixtures";

withTestDb();

/** Every path that ends a lease, checked the same way: counters and open assignments. */
async function setup(annotatorCount = 2) {
  const lead = await createActor("LEAD");
  const annotators = await Promise.all(Array.from({ length: annotatorCount }, () => createActor("ANNOTATOR")));
  const project = await createProjectWith({ leads: [lead], annotators, data: { overlap: 3, leaseMinutes: 10 } });
  await createItems(project.id, 2);
  return { lead, annotators, project };
}

const lease = async (userId: string, projectId: string, now?: Date) => (await leaseNextItem({ userId, projectId, now }))!;

/** Per item of the project: [activeLeases, open assignments, judgments], oldest item first. */
async function state(projectId: string) {
  const items = await db.item.findMany({
    where: { projectId },
    orderBy: { createdAt: "asc" },
    select: { activeLeases: true, judgmentCount: true, _count: { select: { assignments: { where: { open: true } } } } },
  });
  return items.map((i) => [i.activeLeases, i._count.assignments, i.judgmentCount]);
}

const openLeases = (userId: string) => db.assignment.count({ where: { userId, open: true } });

describe("releasing leases", () => {
  it("submit closes the judge's lease, counts the judgment and frees the slot", async () => {
    const { annotators: [a, b], project } = await setup();
    const held = await lease(a!.id, project.id);
    await lease(b!.id, project.id);
    expect(await state(project.id)).toEqual([[2, 2, 0], [0, 0, 0]]);
    await submitJudgment({ userId: a!.id, project, input: judgmentInput(held.externalId, 1) });
    expect(await state(project.id)).toEqual([[1, 1, 1], [0, 0, 0]]);
    expect(await openLeases(a!.id)).toBe(0);
  });

  it("skip closes the lease once and stamps it completed; a second skip changes nothing", async () => {
    const { annotators: [a, b], project } = await setup();
    const held = await lease(a!.id, project.id);
    await lease(b!.id, project.id);
    await skipItem({ userId: a!.id, projectId: project.id, input: { item_id: held.externalId, reason: "unreadable" } });
    expect(await state(project.id)).toEqual([[1, 1, 0], [0, 0, 0]]);
    await skipItem({ userId: a!.id, projectId: project.id, input: { item_id: held.externalId, reason: "again" } });
    expect(await state(project.id)).toEqual([[1, 1, 0], [0, 0, 0]]);
    expect((await db.assignment.findUniqueOrThrow({ where: { id: held.assignmentId } })).completedAt).not.toBeNull();
  });

  it("reclaim closes only expired leases; a judgment arriving after it does not take the lease off twice", async () => {
    const { annotators: [a, b], project } = await setup();
    const start = new Date(Date.now() - 60 * 60_000);
    // b first: a lease call reclaims expired leases of its project on the way.
    await lease(b!.id, project.id);
    const late = await lease(a!.id, project.id, start);
    expect(await state(project.id)).toEqual([[2, 2, 0], [0, 0, 0]]);
    expect(await reclaimExpiredLeases({ projectId: project.id })).toBe(1);
    expect(await state(project.id)).toEqual([[1, 1, 0], [0, 0, 0]]);
    expect((await db.assignment.findUniqueOrThrow({ where: { id: late.assignmentId } })).completedAt).toBeNull();
    await submitJudgment({ userId: a!.id, project, input: judgmentInput(late.externalId, -1) });
    expect(await state(project.id)).toEqual([[1, 1, 1], [0, 0, 0]]);
  });

  it("disabling a user releases their leases in every project", async () => {
    const { annotators: [a, b], project } = await setup();
    const other = await createProjectWith({ annotators: [a!], data: { overlap: 3 } });
    await createItems(other.id, 1);
    await lease(a!.id, project.id);
    await lease(b!.id, project.id);
    await lease(a!.id, other.id);
    const admin = await createActor("ADMIN");
    await setUserDisabled({ actor: admin, userId: a!.id, disabled: true });
    expect(await state(project.id)).toEqual([[1, 1, 0], [0, 0, 0]]);
    expect(await state(other.id)).toEqual([[0, 0, 0]]);
    expect(await openLeases(a!.id)).toBe(0);
  });

  it("removing a member releases their leases in that project only", async () => {
    const { lead, annotators: [a, b], project } = await setup();
    const other = await createProjectWith({ annotators: [a!], data: { overlap: 3 } });
    await createItems(other.id, 1);
    await lease(a!.id, project.id);
    await lease(b!.id, project.id);
    await lease(a!.id, other.id);
    expect(await removeMember({ actor: lead, slug: project.slug, userId: a!.id })).toEqual({ released_leases: 1 });
    expect(await state(project.id)).toEqual([[1, 1, 0], [0, 0, 0]]);
    expect(await state(other.id)).toEqual([[1, 1, 0]]);
  });

  it("releases by item, never below zero, and refuses an empty scope", async () => {
    const { annotators: [a, b], project } = await setup();
    const held = await lease(a!.id, project.id);
    await lease(b!.id, project.id);
    // A counter left wrong by some past bug: the release clamps at zero.
    await db.item.update({ where: { id: held.itemId }, data: { activeLeases: 1 } });
    expect(await releaseLeases({ itemId: held.itemId })).toBe(2);
    expect(await state(project.id)).toEqual([[0, 0, 0], [0, 0, 0]]);
    expect(await releaseLeases({ itemId: held.itemId })).toBe(0);
    await expect(releaseLeases({})).rejects.toThrow(/scope/);
  });
});
