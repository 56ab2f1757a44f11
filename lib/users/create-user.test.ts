import { describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/password";
import { createUserInput } from "@/lib/validations/user";
import type { Actor } from "@/lib/permissions";
import { createUser } from "./create-user";

withTestDb();

const input = (fields: Record<string, unknown>) => createUserInput.parse({ password: "correct horse battery", role: "annotator", ...fields });

async function passwordHashOf(id: string) {
  return (await db.user.findUniqueOrThrow({ where: { id }, select: { passwordHash: true } })).passwordHash;
}

describe("createUser", () => {
  it("from the CLI (no actor): stores a bcrypt hash, defaults the name, audits with no actor", async () => {
    const user = await createUser({ actor: null, input: input({ email: "  Ada.Lovelace@Example.COM ", role: "lead" }) });
    expect(user).toMatchObject({ email: "ada.lovelace@example.com", name: "ada.lovelace", role: "LEAD" });
    const hash = await passwordHashOf(user.id);
    expect(hash).not.toContain("correct horse");
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    const events = await db.auditEvent.findMany({ where: { action: "user.created" }, select: { actorId: true, details: true } });
    expect(events).toEqual([{ actorId: null, details: { userId: user.id, email: "ada.lovelace@example.com", role: "LEAD", via: "cli" } }]);
  });

  it("lets an admin create users and refuses leads and annotators", async () => {
    const admin = await createUser({ actor: null, input: input({ email: "root@example.com", role: "admin", name: "Root" }) });
    const adminActor: Actor = { id: admin.id, email: admin.email, name: admin.name, role: "ADMIN" };
    const made = await createUser({ actor: adminActor, input: input({ email: "grace@example.com", name: " Grace Hopper " }) });
    expect(made).toMatchObject({ name: "Grace Hopper", role: "ANNOTATOR" });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "user.created", actorId: admin.id } });
    expect(audit.details).toMatchObject({ userId: made.id, via: "app" });

    for (const role of ["LEAD", "ANNOTATOR"] as const) {
      const actor: Actor = { ...adminActor, role };
      await expect(createUser({ actor, input: input({ email: `by-${role}@example.com` }) })).rejects.toMatchObject({ code: "forbidden" });
    }
    expect(await db.user.count({ where: { email: { startsWith: "by-" } } })).toBe(0);
  });

  it("answers 409 for an email already taken, in any case, also when two race", async () => {
    await createUser({ actor: null, input: input({ email: "taken@example.com" }) });
    await expect(createUser({ actor: null, input: input({ email: "TAKEN@example.com" }) })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("taken@example.com"),
    });
    const results = await Promise.allSettled([1, 2].map(() => createUser({ actor: null, input: input({ email: "race@example.com" }) })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "conflict" } });
    expect(await db.user.count({ where: { email: "race@example.com" } })).toBe(1);
  });

  it("validates the input: email, password length, role", () => {
    expect(createUserInput.safeParse({ email: "nope", password: "long enough pw", role: "lead" }).success).toBe(false);
    expect(createUserInput.safeParse({ email: "a@b.co", password: "short", role: "lead" }).success).toBe(false);
    expect(createUserInput.safeParse({ email: "a@b.co", password: "long enough pw", role: "owner" }).success).toBe(false);
    expect(createUserInput.safeParse({ email: "a@b.co", password: "long enough pw", role: "admin", name: "  " }).success).toBe(false);
  });
});
