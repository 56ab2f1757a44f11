import { describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { submitJudgment } from "@/lib/judgments/submit-judgment";
import { skipItem } from "@/lib/judgments/skip-item";
import { leaseNextItem } from "./lease-next-item";
import { createItems, createProject, createUser, itemCounters, judgmentInput } from "./test-fixtures";

withTestDb();

const minutes = (start: Date, n: number) => new Date(start.getTime() + n * 60_000);

async function judge(userId: string, project: Awaited<ReturnType<typeof createProject>>, now?: Date) {
  const lease = await leaseNextItem({ userId, projectId: project.id, now });
  if (!lease) throw new Error("expected a lease");
  await submitJudgment({ userId, project, input: judgmentInput(lease.externalId, 1) });
  return lease;
}

describe("leaseNextItem", () => {
  it("hands out the item with the fewest judgments, then the oldest", async () => {
    const project = await createProject({ overlap: 3 });
    await createItems(project.id, 3);
    const [first, second] = [await createUser(), await createUser()];
    expect((await judge(first.id, project)).externalId).toBe("q-001");
    // q-001 now has a judgment: q-002 and q-003 have none, and q-002 is older.
    const lease = await leaseNextItem({ userId: second.id, projectId: project.id });
    expect(lease).toMatchObject({ externalId: "q-002", resumed: false });
    expect(lease?.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 60_000);
  });

  it("never hands out an item the user judged, skipped or holds", async () => {
    const project = await createProject({ overlap: 3 });
    const items = await createItems(project.id, 4);
    const user = await createUser();
    await judge(user.id, project); // q-001
    await skipItem({ userId: user.id, projectId: project.id, input: { item_id: "q-002", reason: "unreadable" } });
    const held = await leaseNextItem({ userId: user.id, projectId: project.id });
    expect(held?.externalId).toBe("q-003");
    const next = await leaseNextItem({ userId: user.id, projectId: project.id, excludeItemIds: [held!.itemId] });
    expect(next).toMatchObject({ externalId: "q-004", resumed: false });
    const none = await leaseNextItem({ userId: user.id, projectId: project.id, excludeItemIds: [items[2]!.id, items[3]!.id] });
    expect(none).toBeNull();
  });

  it("resumes the lease the user already holds", async () => {
    const project = await createProject();
    await createItems(project.id, 3);
    const user = await createUser();
    const first = await leaseNextItem({ userId: user.id, projectId: project.id });
    const again = await leaseNextItem({ userId: user.id, projectId: project.id });
    expect(again).toEqual({ ...first, resumed: true });
    expect((await itemCounters(project.id)).map((i) => i.activeLeases)).toEqual([1, 0, 0]);
  });

  it("skips the item the client is showing, and resumes the prefetched one after it", async () => {
    const project = await createProject();
    await createItems(project.id, 3);
    const user = await createUser();
    const current = (await leaseNextItem({ userId: user.id, projectId: project.id }))!;
    const prefetched = (await leaseNextItem({ userId: user.id, projectId: project.id, excludeItemIds: [current.itemId] }))!;
    expect(prefetched.itemId).not.toBe(current.itemId);
    expect(prefetched.resumed).toBe(false);
    await submitJudgment({ userId: user.id, project, input: judgmentInput(current.externalId, -1) });
    // The screen now shows the prefetched pair and asks for the one after it.
    const after = await leaseNextItem({ userId: user.id, projectId: project.id, excludeItemIds: [prefetched.itemId] });
    expect(after).toMatchObject({ externalId: "q-003", resumed: false });
    // A reload (no exclusions) resumes the oldest lease held.
    expect(await leaseNextItem({ userId: user.id, projectId: project.id })).toEqual({ ...prefetched, resumed: true });
  });

  it("never goes past the overlap", async () => {
    const project = await createProject({ overlap: 2 });
    await createItems(project.id, 1);
    const users = [await createUser(), await createUser(), await createUser()];
    expect(await leaseNextItem({ userId: users[0]!.id, projectId: project.id })).not.toBeNull();
    expect(await leaseNextItem({ userId: users[1]!.id, projectId: project.id })).not.toBeNull();
    expect(await leaseNextItem({ userId: users[2]!.id, projectId: project.id })).toBeNull();
    expect(await itemCounters(project.id)).toEqual([{ externalId: "q-001", judgmentCount: 0, activeLeases: 2 }]);
  });

  it("frees the slot of an expired lease and reopens the same assignment later", async () => {
    const project = await createProject({ overlap: 1, leaseMinutes: 30 });
    await createItems(project.id, 1);
    const [slow, quick] = [await createUser(), await createUser()];
    const start = new Date();
    const abandoned = (await leaseNextItem({ userId: slow.id, projectId: project.id, now: start }))!;
    expect(await leaseNextItem({ userId: quick.id, projectId: project.id, now: minutes(start, 29) })).toBeNull();

    const taken = await leaseNextItem({ userId: quick.id, projectId: project.id, now: minutes(start, 31) });
    expect(taken).toMatchObject({ externalId: "q-001", resumed: false });
    const closed = await db.assignment.findUniqueOrThrow({ where: { id: abandoned.assignmentId } });
    expect(closed).toMatchObject({ open: false, completedAt: null });
    expect(await itemCounters(project.id)).toEqual([{ externalId: "q-001", judgmentCount: 0, activeLeases: 1 }]);
    // The slow annotator's lease is gone, and the item is full now.
    expect(await leaseNextItem({ userId: slow.id, projectId: project.id, now: minutes(start, 31) })).toBeNull();

    // The quick one lets it expire too: the slow one gets it back on the same row.
    const back = (await leaseNextItem({ userId: slow.id, projectId: project.id, now: minutes(start, 62) }))!;
    expect(back.assignmentId).toBe(abandoned.assignmentId);
    expect(back.expiresAt).toEqual(minutes(start, 92));
    expect(await db.assignment.findUniqueOrThrow({ where: { id: back.assignmentId } })).toMatchObject({ open: true });
    expect(await itemCounters(project.id)).toEqual([{ externalId: "q-001", judgmentCount: 0, activeLeases: 1 }]);
  });

  it("does not resume an expired lease", async () => {
    const project = await createProject({ overlap: 3 });
    await createItems(project.id, 2);
    const user = await createUser();
    const start = new Date();
    const first = (await leaseNextItem({ userId: user.id, projectId: project.id, now: start }))!;
    const later = (await leaseNextItem({ userId: user.id, projectId: project.id, now: minutes(start, 45) }))!;
    // Reclaimed and leased again: the same item (still the best), a fresh lease.
    expect(later).toMatchObject({ itemId: first.itemId, resumed: false, expiresAt: minutes(start, 75) });
  });

  it("shows sides in random order per assignment", async () => {
    const project = await createProject({ overlap: 1 });
    await createItems(project.id, 40);
    const user = await createUser();
    const sides = new Set<boolean>();
    const exclude: string[] = [];
    for (let i = 0; i < 40; i++) {
      const lease = (await leaseNextItem({ userId: user.id, projectId: project.id, excludeItemIds: exclude }))!;
      exclude.push(lease.itemId);
      sides.add(lease.swapped);
    }
    expect(sides).toEqual(new Set([true, false]));
  });

  it("resumes only within the project", async () => {
    const [one, two] = [await createProject(), await createProject()];
    await createItems(one.id, 1);
    await createItems(two.id, 1);
    const user = await createUser();
    const inOne = (await leaseNextItem({ userId: user.id, projectId: one.id }))!;
    const inTwo = (await leaseNextItem({ userId: user.id, projectId: two.id }))!;
    expect(inTwo.resumed).toBe(false);
    expect(inTwo.itemId).not.toBe(inOne.itemId);
  });

  it("hands out nothing unless the project is active", async () => {
    const user = await createUser();
    for (const status of ["DRAFT", "PAUSED", "ARCHIVED"] as const) {
      const project = await createProject({ status });
      await createItems(project.id, 1);
      const error = await leaseNextItem({ userId: user.id, projectId: project.id }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "conflict", message: `This project is ${status.toLowerCase()}: it hands out no items now.` });
    }
    await expect(leaseNextItem({ userId: user.id, projectId: "nope" })).rejects.toMatchObject({ code: "not_found" });
  });
});
