import { describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { createCast } from "@/test/admin-fixtures";
import { db } from "@/lib/db";
import { createInvite } from "./create-invite";
import { revokeInvite } from "./revoke-invite";
import { listInvites } from "./list-invites";
import { describeInvite, redeemInvite } from "./redeem-invite";

withTestDb();

describe("invites", () => {
  it("a lead creates a link with a long random code, limited uses and an expiry, and it is audited", async () => {
    const { lead, project } = await createCast();
    const now = new Date("2026-03-01T12:00:00Z");
    const invite = await createInvite({ actor: lead, slug: project.slug, input: { role: "annotator", uses: 2, expires_in_days: 7 }, now });
    expect(invite.code).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(invite).toMatchObject({ role: "ANNOTATOR", usesLeft: 2, state: "active", createdBy: "lead" });
    expect(invite.expiresAt?.toISOString()).toBe("2026-03-08T12:00:00.000Z");
    const other = await createInvite({ actor: lead, slug: project.slug, input: { role: "lead" } });
    expect(other).toMatchObject({ role: "LEAD", usesLeft: null, expiresAt: null });
    expect(other.code).not.toBe(invite.code);

    const events = await db.auditEvent.findMany({ where: { projectId: project.id, action: "invite.created" } });
    expect(events).toHaveLength(2);
    expect(JSON.stringify(events)).not.toContain(invite.code);
  });

  it("lists newest first with each link's state, and a revoked link stops working", async () => {
    const { lead, project } = await createCast();
    const keep = await createInvite({ actor: lead, slug: project.slug, input: { role: "annotator", uses: 1 } });
    const gone = await createInvite({ actor: lead, slug: project.slug, input: { role: "annotator" } });
    await redeemInvite({ code: keep.code, newUser: { name: "Ann", email: "ann-invites@example.com", password: "long-enough-password" } });

    const revoked = await revokeInvite({ actor: lead, slug: project.slug, inviteId: gone.id });
    expect(revoked.state).toBe("revoked");
    await expect(describeInvite(gone.code)).rejects.toMatchObject({ code: "not_found" });
    // Revoking again changes nothing and logs nothing more.
    await revokeInvite({ actor: lead, slug: project.slug, inviteId: gone.id });
    expect(await db.auditEvent.count({ where: { projectId: project.id, action: "invite.revoked" } })).toBe(1);

    const listed = await listInvites({ actor: lead, slug: project.slug });
    expect(listed.map((i) => [i.id, i.state])).toEqual([
      [gone.id, "revoked"],
      [keep.id, "used_up"],
    ]);
    const expired = await listInvites({ actor: lead, slug: project.slug, now: new Date(Date.now() + 1000) });
    expect(expired).toHaveLength(2);
  });

  it("marks an invite past its expiry as expired", async () => {
    const { lead, project } = await createCast();
    const invite = await createInvite({ actor: lead, slug: project.slug, input: { role: "annotator", expires_in_days: 1 } });
    const later = new Date(Date.now() + 2 * 24 * 3600 * 1000);
    expect((await listInvites({ actor: lead, slug: project.slug, now: later })).find((i) => i.id === invite.id)?.state).toBe("expired");
  });

  it("only leads of the project and admins manage its invites", async () => {
    const { admin, lead, otherLead, annotator, project, otherProject } = await createCast();
    const input = { role: "annotator" as const };
    await expect(createInvite({ actor: admin, slug: project.slug, input })).resolves.toMatchObject({ state: "active" });
    await expect(createInvite({ actor: otherLead, slug: project.slug, input })).rejects.toMatchObject({ code: "not_found" });
    await expect(createInvite({ actor: annotator, slug: project.slug, input })).rejects.toMatchObject({ code: "forbidden" });
    await expect(listInvites({ actor: annotator, slug: project.slug })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createInvite({ actor: lead, slug: "no-such-project", input })).rejects.toMatchObject({ code: "not_found" });

    // An invite of another project cannot be revoked through this one.
    const foreign = await createInvite({ actor: otherLead, slug: otherProject.slug, input });
    await expect(revokeInvite({ actor: lead, slug: project.slug, inviteId: foreign.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(revokeInvite({ actor: lead, slug: otherProject.slug, inviteId: foreign.id })).rejects.toMatchObject({ code: "not_found" });
  });

  it("rejects nonsense limits", async () => {
    const { lead, project } = await createCast();
    await expect(createInvite({ actor: lead, slug: project.slug, input: { role: "annotator", uses: 0 } })).rejects.toMatchObject({ code: "unprocessable" });
    await expect(createInvite({ actor: lead, slug: project.slug, input: { role: "annotator", expires_in_days: 1.5 } })).rejects.toMatchObject({ code: "unprocessable" });
    // A form's empty field means "no limit".
    await expect(createInvite({ actor: lead, slug: project.slug, input: { role: "annotator", uses: "" as unknown as null } })).resolves.toMatchObject({ usesLeft: null });
  });
});
