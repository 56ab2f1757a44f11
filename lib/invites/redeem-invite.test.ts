import { beforeAll, describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/password";
import { describeInvite, redeemInvite } from "./redeem-invite";

withTestDb();
let projectId: string;
beforeAll(async () => {
  projectId = (await db.project.create({ data: { slug: "inv", name: "Invites", status: "ACTIVE" } })).id;
  await db.invite.createMany({
    data: [
      { code: "open-invite-code-0001", projectId, usesLeft: null },
      { code: "single-use-code-00001", projectId, usesLeft: 1 },
      { code: "expired-code-00000001", projectId, expiresAt: new Date(Date.now() - 1000) },
      { code: "revoked-code-00000001", projectId, revokedAt: new Date() },
    ],
  });
});

describe("invite links", () => {
  it("describes a usable invite and refuses expired, revoked and unknown ones with a clear message", async () => {
    await expect(describeInvite("open-invite-code-0001")).resolves.toMatchObject({ projectSlug: "inv", role: "ANNOTATOR" });
    await expect(describeInvite("expired-code-00000001")).rejects.toThrow(/expired/);
    await expect(describeInvite("revoked-code-00000001")).rejects.toThrow(/not valid/);
    await expect(describeInvite("nope-nope-nope-nope")).rejects.toThrow(/not valid/);
  });

  it("creates an annotator account with a hashed password and joins the project", async () => {
    const result = await redeemInvite({ code: "open-invite-code-0001", newUser: { name: "New", email: "new@example.com", password: "a-long-password" } });
    const user = await db.user.findUniqueOrThrow({ where: { id: result.userId! }, select: { role: true, passwordHash: true } });
    expect(user.role).toBe("ANNOTATOR");
    expect(user.passwordHash).not.toContain("a-long-password");
    expect(await verifyPassword("a-long-password", user.passwordHash)).toBe(true);
    expect(await db.membership.count({ where: { userId: result.userId!, projectId } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "invite.redeemed", projectId } })).toBe(1);
  });

  it("answers a join with an email that has an account as it answers a new email, and joins or changes nothing unless the password is that account's", async () => {
    const before = await db.user.count();
    const known = await redeemInvite({ code: "open-invite-code-0001", newUser: { name: "Dup", email: "new@example.com", password: "another-password" } });
    const fresh = await redeemInvite({ code: "open-invite-code-0001", newUser: { name: "Fresh", email: "fresh@example.com", password: "another-password" } });
    const { userId: knownId, ...knownAnswer } = known;
    const { userId: freshId, ...freshAnswer } = fresh;
    expect(knownAnswer).toEqual(freshAnswer);
    expect(knownId).toBeNull();
    expect(freshId).not.toBeNull();
    expect(await db.user.count()).toBe(before + 1);
    const owner = await db.user.findUniqueOrThrow({ where: { email: "new@example.com" }, select: { name: true, passwordHash: true } });
    expect(owner.name).toBe("New");
    expect(await verifyPassword("a-long-password", owner.passwordHash)).toBe(true);

    // The owner, with their own password, joins as themselves.
    const other = (await db.project.create({ data: { slug: "inv-2", name: "Invites 2", status: "ACTIVE" } })).id;
    await db.invite.create({ data: { code: "other-project-code-01", projectId: other, usesLeft: null } });
    const wrong = await redeemInvite({ code: "other-project-code-01", newUser: { name: "X", email: "new@example.com", password: "wrong-password-1" } });
    expect(wrong.userId).toBeNull();
    expect(await db.membership.count({ where: { projectId: other } })).toBe(0);
    const right = await redeemInvite({ code: "other-project-code-01", newUser: { name: "X", email: "new@example.com", password: "a-long-password" } });
    const ownerId = (await db.user.findUniqueOrThrow({ where: { email: "new@example.com" } })).id;
    expect(right.userId).toBe(ownerId);
    expect(await db.membership.count({ where: { projectId: other, userId: ownerId } })).toBe(1);
  });

  it("a single-use link admits one person; joining twice takes no second use", async () => {
    const first = await redeemInvite({ code: "single-use-code-00001", newUser: { name: "One", email: "one@example.com", password: "one-password-1" } });
    await expect(redeemInvite({ code: "single-use-code-00001", userId: first.userId! })).rejects.toThrow(/used up/);
    await expect(
      redeemInvite({ code: "single-use-code-00001", newUser: { name: "Two", email: "two@example.com", password: "two-password-2" } }),
    ).rejects.toThrow(/used up/);
    expect(await db.user.count({ where: { email: "two@example.com" } })).toBe(0);
  });
});
