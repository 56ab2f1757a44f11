import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { leaseNextItem } from "./lease-next-item";
import { reclaimExpiredLeases } from "./reclaim-expired-leases";
import { withTestDb } from "@/test/db";
import { createItems, createProject, createUser, itemCounters } from "./test-fixtures";

withTestDb();

const at = (start: Date, minutes: number) => new Date(start.getTime() + minutes * 60_000);

describe("reclaimExpiredLeases", () => {
  it("closes only expired open leases, frees their slots, and counts them", async () => {
    const [one, two] = [await createProject({ leaseMinutes: 10 }), await createProject({ leaseMinutes: 60 })];
    await createItems(one.id, 2);
    await createItems(two.id, 1);
    const users = [await createUser(), await createUser()];
    const start = new Date();
    for (const user of users) {
      await leaseNextItem({ userId: user.id, projectId: one.id, now: start });
      await leaseNextItem({ userId: user.id, projectId: two.id, now: start });
    }
    expect((await itemCounters(one.id)).map((i) => i.activeLeases)).toEqual([2, 0]);

    // Leases in `one` expire after 10 minutes, in `two` after 60.
    expect(await reclaimExpiredLeases({ projectId: two.id, now: at(start, 30) })).toBe(0);
    expect(await reclaimExpiredLeases({ projectId: one.id, now: at(start, 30) })).toBe(2);
    expect(await reclaimExpiredLeases({ projectId: one.id, now: at(start, 30) })).toBe(0);
    expect((await itemCounters(one.id)).map((i) => i.activeLeases)).toEqual([0, 0]);
    expect((await itemCounters(two.id)).map((i) => i.activeLeases)).toEqual([2]);

    // Without a project, everything expired anywhere.
    expect(await reclaimExpiredLeases({ now: at(start, 61) })).toBe(2);
    expect((await itemCounters(two.id)).map((i) => i.activeLeases)).toEqual([0]);
    const stillOpen = await db.assignment.count({ where: { open: true, userId: { in: users.map((u) => u.id) } } });
    expect(stillOpen).toBe(0);
  });

  it("leaves a lease alone until the moment it expires", async () => {
    const project = await createProject({ leaseMinutes: 10 });
    await createItems(project.id, 1);
    const user = await createUser();
    const start = new Date();
    await leaseNextItem({ userId: user.id, projectId: project.id, now: start });
    expect(await reclaimExpiredLeases({ projectId: project.id, now: at(start, 10) })).toBe(0);
    expect(await reclaimExpiredLeases({ projectId: project.id, now: new Date(at(start, 10).getTime() + 1) })).toBe(1);
  });
});
