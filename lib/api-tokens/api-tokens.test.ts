import { describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/permissions";
import type { Role } from "@/lib/generated/prisma/client";
import { authenticateApiToken } from "./authenticate-api-token";
import { createApiToken } from "./create-api-token";
import { hashApiToken } from "./token-hash";
import { listApiTokens } from "./list-api-tokens";
import { revokeApiToken } from "./revoke-api-token";

withTestDb();

let n = 0;
async function makeActor(role: Role = "ANNOTATOR"): Promise<Actor> {
  n += 1;
  return db.user.create({ data: { email: `u${n}@example.com`, name: `User ${n}`, role }, select: { id: true, email: true, name: true, role: true } });
}

describe("API tokens", () => {
  it("creates a token shown once, stores only its hash, and authenticates it as its owner", async () => {
    const actor = await makeActor();
    const created = await createApiToken({ actor, name: "  training pipeline " });
    expect(created).toMatchObject({ name: "training pipeline", prefix: created.token.slice(0, 10) });
    expect(created.token).toMatch(/^pw_[A-Za-z0-9_-]{43}$/);
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).toBe(hashApiToken(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);
    expect(await authenticateApiToken(created.token)).toBe(actor.id);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt).not.toBeNull();
    const audit = await db.auditEvent.findMany({ where: { actorId: actor.id }, select: { action: true, details: true } });
    expect(audit).toEqual([{ action: "token.created", details: { tokenId: created.id, name: "training pipeline", prefix: created.prefix } }]);
    await expect(authenticateApiToken(`${created.token}x`)).rejects.toMatchObject({ code: "unauthorized" });
  });

  it("refuses an empty or too long name", async () => {
    const actor = await makeActor();
    await expect(createApiToken({ actor, name: "   " })).rejects.toMatchObject({ code: "unprocessable", message: expect.stringContaining("name") });
    await expect(createApiToken({ actor, name: "x".repeat(101) })).rejects.toMatchObject({ code: "unprocessable" });
  });

  it("lists only the actor's own tokens, newest first, with use and revocation", async () => {
    const actor = await makeActor();
    const other = await makeActor();
    const first = await createApiToken({ actor, name: "first" });
    const second = await createApiToken({ actor, name: "second" });
    await createApiToken({ actor: other, name: "someone else's" });
    await authenticateApiToken(first.token);
    await revokeApiToken({ actor, tokenId: second.id });
    const list = await listApiTokens({ actor });
    expect(list.map((token) => token.name)).toEqual(["second", "first"]);
    expect(list[0]).toMatchObject({ id: second.id, prefix: second.prefix, last_used_at: null, revoked_at: expect.any(String) });
    expect(list[1]).toMatchObject({ id: first.id, last_used_at: expect.any(String), revoked_at: null });
    expect(JSON.stringify(list)).not.toContain(first.token);
  });

  it("revocation takes effect at the next request; revoking again keeps the first time and one audit event", async () => {
    const actor = await makeActor();
    const created = await createApiToken({ actor, name: "laptop" });
    expect(await authenticateApiToken(created.token)).toBe(actor.id);
    const revoked = await revokeApiToken({ actor, tokenId: created.id });
    await expect(authenticateApiToken(created.token)).rejects.toMatchObject({ code: "unauthorized" });
    expect(await revokeApiToken({ actor, tokenId: created.id })).toEqual(revoked);
    const events = await db.auditEvent.findMany({ where: { action: "token.revoked", actorId: actor.id }, select: { details: true } });
    expect(events).toEqual([{ details: { tokenId: created.id, name: "laptop", ownerId: actor.id } }]);
  });

  it("only the owner or an admin may revoke; others get 404 as for a missing token", async () => {
    const owner = await makeActor("LEAD");
    const created = await createApiToken({ actor: owner, name: "ci" });
    for (const role of ["ANNOTATOR", "LEAD"] as const) {
      const stranger = await makeActor(role);
      await expect(revokeApiToken({ actor: stranger, tokenId: created.id })).rejects.toMatchObject({ code: "not_found" });
    }
    await expect(revokeApiToken({ actor: owner, tokenId: "no-such-token" })).rejects.toMatchObject({ code: "not_found" });
    expect(await authenticateApiToken(created.token)).toBe(owner.id);
    const admin = await makeActor("ADMIN");
    await revokeApiToken({ actor: admin, tokenId: created.id });
    await expect(authenticateApiToken(created.token)).rejects.toMatchObject({ code: "unauthorized" });
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "token.revoked", actorId: admin.id } });
    expect(event.details).toMatchObject({ ownerId: owner.id });
  });

  it("records one revocation when two race", async () => {
    const actor = await makeActor();
    const created = await createApiToken({ actor, name: "race" });
    await Promise.all([1, 2].map(() => revokeApiToken({ actor, tokenId: created.id })));
    expect(await db.auditEvent.count({ where: { action: "token.revoked", actorId: actor.id } })).toBe(1);
  });
});
