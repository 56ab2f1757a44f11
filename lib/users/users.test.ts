import { describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { createActor, createCast } from "@/test/admin-fixtures";
import { db } from "@/lib/db";
import { loadActor } from "@/lib/permissions";
import { verifyPassword } from "@/lib/auth/password";
import { leaseNextItem } from "@/lib/assignment/lease-next-item";
import { createItems } from "@/lib/assignment/test-fixtures";
import { seedItem, seedJudgment, seedProject } from "@/lib/export/test-fixtures";
import { listUsers } from "./list-users";
import { updateUserRole } from "./update-user-role";
import { setUserDisabled } from "./set-user-disabled";
import { resetUserPassword } from "./reset-user-password";

withTestDb();

describe("user management", () => {
  it("lists users by email with pagination and search, admins only", async () => {
    const { admin, lead, annotator } = await createCast();
    await db.user.create({ data: { email: "zz-external@example.com", name: "ext", external: true } });
    const all = await listUsers({ actor: admin, limit: 500 });
    expect(all.users.map((u) => u.email)).toEqual([...all.users.map((u) => u.email)].sort());
    expect(all.users.some((u) => u.external)).toBe(false);
    expect((await listUsers({ actor: admin, includeExternal: true, limit: 500 })).users.some((u) => u.external)).toBe(true);

    const first = await listUsers({ actor: admin, limit: 2 });
    expect(first.users).toHaveLength(2);
    expect(Buffer.from(first.nextCursor!, "base64url").toString()).toBe(first.users[1]!.email);
    const second = await listUsers({ actor: admin, limit: 2, cursor: first.nextCursor! });
    expect(second.users[0]!.email > first.users[1]!.email).toBe(true);

    const found = await listUsers({ actor: admin, search: annotator.email.toUpperCase() });
    expect(found.users).toEqual([expect.objectContaining({ id: annotator.id, role: "ANNOTATOR", projects: 1, lastJudgmentAt: null })]);
    await expect(listUsers({ actor: lead })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("shows each user's latest judgment across projects, the same as a grouped max over their judgments", async () => {
    const { admin, lead, annotator } = await createCast();
    const [p1, p2] = [await seedProject(), await seedProject()];
    const [a, b] = [await seedItem(p1.id, { externalId: "a" }), await seedItem(p2.id, { externalId: "b" })];
    const c = await seedItem(p1.id, { externalId: "c" });
    await seedJudgment(a.id, annotator.id, { preference: 1, createdAt: new Date("2026-03-01T10:00:00.123Z") });
    await seedJudgment(b.id, annotator.id, { preference: -1, createdAt: new Date("2026-03-02T09:30:00.456Z") });
    await seedJudgment(c.id, annotator.id, { preference: 0, createdAt: new Date("2026-02-27T00:00:00.000Z") });
    await seedJudgment(c.id, lead.id, { preference: 2, createdAt: new Date("2026-01-05T00:00:00.000Z") });
    const { users } = await listUsers({ actor: admin, limit: 500 });
    const grouped = await db.judgment.groupBy({ by: ["userId"], where: { userId: { in: users.map((u) => u.id) } }, _max: { createdAt: true } });
    const expected = new Map(grouped.map((row) => [row.userId, row._max.createdAt]));
    for (const user of users) expect(user.lastJudgmentAt).toEqual(expected.get(user.id) ?? null);
    expect(users.find((u) => u.id === annotator.id)!.lastJudgmentAt).toEqual(new Date("2026-03-02T09:30:00.456Z"));
    expect(users.find((u) => u.id === admin.id)!.lastJudgmentAt).toBeNull();
  });

  it("changes roles with an audit trail; an admin cannot demote themselves and non-admins cannot at all", async () => {
    const { admin, lead, annotator } = await createCast();
    await expect(updateUserRole({ actor: admin, userId: annotator.id, role: "LEAD" })).resolves.toEqual({ id: annotator.id, role: "LEAD" });
    expect((await loadActor(annotator.id)).role).toBe("LEAD");
    const event = await db.auditEvent.findFirst({ where: { action: "user.role_changed", actorId: admin.id } });
    expect(event?.details).toMatchObject({ user_id: annotator.id, from: "ANNOTATOR", to: "LEAD" });
    // No change, no event.
    await updateUserRole({ actor: admin, userId: annotator.id, role: "LEAD" });
    expect(await db.auditEvent.count({ where: { action: "user.role_changed", actorId: admin.id } })).toBe(1);

    await expect(updateUserRole({ actor: admin, userId: admin.id, role: "LEAD" })).rejects.toMatchObject({ code: "conflict" });
    await expect(updateUserRole({ actor: lead, userId: annotator.id, role: "ADMIN" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateUserRole({ actor: admin, userId: "nope", role: "LEAD" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("disables an account at once, hands its leases back, and enables it again", async () => {
    const { admin, annotator, project } = await createCast();
    await createItems(project.id, 2);
    await leaseNextItem({ userId: annotator.id, projectId: project.id });
    expect(await db.item.aggregate({ where: { projectId: project.id }, _sum: { activeLeases: true } })).toMatchObject({ _sum: { activeLeases: 1 } });

    await setUserDisabled({ actor: admin, userId: annotator.id, disabled: true });
    await expect(loadActor(annotator.id)).rejects.toMatchObject({ code: "unauthorized" });
    expect(await db.item.aggregate({ where: { projectId: project.id }, _sum: { activeLeases: true } })).toMatchObject({ _sum: { activeLeases: 0 } });
    expect(await db.assignment.count({ where: { userId: annotator.id, open: true } })).toBe(0);

    await setUserDisabled({ actor: admin, userId: annotator.id, disabled: false });
    await expect(loadActor(annotator.id)).resolves.toMatchObject({ id: annotator.id });
    const actions = await db.auditEvent.findMany({ where: { actorId: admin.id, action: { in: ["user.disabled", "user.enabled"] } }, orderBy: { createdAt: "asc" } });
    expect(actions.map((a) => a.action)).toEqual(["user.disabled", "user.enabled"]);

    await expect(setUserDisabled({ actor: admin, userId: admin.id, disabled: true })).rejects.toMatchObject({ code: "conflict" });
  });

  it("resets a password to a generated one that works, without logging it", async () => {
    const admin = await createActor("ADMIN");
    const lead = await createActor("LEAD");
    const { password } = await resetUserPassword({ actor: admin, userId: lead.id });
    expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
    const stored = await db.user.findUniqueOrThrow({ where: { id: lead.id }, select: { passwordHash: true } });
    expect(await verifyPassword(password, stored.passwordHash)).toBe(true);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "user.password_reset", actorId: admin.id } });
    expect(JSON.stringify(event.details)).not.toContain(password);
    await expect(resetUserPassword({ actor: lead, userId: admin.id })).rejects.toMatchObject({ code: "forbidden" });
    const external = await db.user.create({ data: { email: "ext-reset@example.com", name: "ext", external: true } });
    await expect(resetUserPassword({ actor: admin, userId: external.id })).rejects.toMatchObject({ code: "conflict" });
  });
});
