import { describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { createCast } from "@/test/admin-fixtures";
import { recordAuditEvent } from "./record-audit-event";
import { listAuditEvents } from "./list-audit-events";

withTestDb();

describe("listAuditEvents", () => {
  it("pages newest first; admins see everything, leads only their projects' events", async () => {
    const { admin, lead, otherLead, annotator, project, otherProject } = await createCast();
    for (let i = 0; i < 5; i++) {
      await recordAuditEvent({ actorId: lead.id, projectId: project.id, action: i % 2 ? "member.added" : "items.imported", details: { n: i } });
    }
    await recordAuditEvent({ actorId: otherLead.id, projectId: otherProject.id, action: "export.downloaded" });
    await recordAuditEvent({ actorId: admin.id, action: "user.role_changed", details: { to: "LEAD" } });

    const all = await listAuditEvents({ actor: admin, limit: 100 });
    expect(all.events).toHaveLength(7);
    expect(all.events[0]).toMatchObject({ action: "user.role_changed", actor: { name: "admin" }, project: null });

    // Pages of two cover the lead's five events exactly once, newest first.
    const seen: unknown[] = [];
    let cursor: string | undefined;
    do {
      const page = await listAuditEvents({ actor: lead, limit: 2, cursor });
      seen.push(...page.events.map((e) => (e.details as { n: number }).n));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([4, 3, 2, 1, 0]);

    expect((await listAuditEvents({ actor: lead, action: "member" })).events.map((e) => e.action)).toEqual(["member.added", "member.added"]);
    expect((await listAuditEvents({ actor: admin, action: "export.downloaded" })).events).toHaveLength(1);
    expect((await listAuditEvents({ actor: admin, projectSlug: otherProject.slug })).events).toHaveLength(1);

    await expect(listAuditEvents({ actor: lead, projectSlug: otherProject.slug })).rejects.toMatchObject({ code: "not_found" });
    await expect(listAuditEvents({ actor: annotator })).rejects.toMatchObject({ code: "forbidden" });
    await expect(listAuditEvents({ actor: admin, cursor: "garbage" })).rejects.toMatchObject({ code: "bad_request" });
  });

  it("refuses text the database cannot compare in its filters (a 400, not a 500 from the query)", async () => {
    const { admin } = await createCast();
    await expect(listAuditEvents({ actor: admin, projectSlug: "p\u0000" })).rejects.toMatchObject({ code: "bad_request", message: /project/ });
    await expect(listAuditEvents({ actor: admin, action: "member\u0000" })).rejects.toMatchObject({ code: "bad_request", message: /action/ });
    const forged = Buffer.from(JSON.stringify(["2026-01-01T00:00:00Z", "x\u0000"])).toString("base64url");
    await expect(listAuditEvents({ actor: admin, cursor: forged })).rejects.toMatchObject({ code: "bad_request", message: /cursor/ });
  });
});
