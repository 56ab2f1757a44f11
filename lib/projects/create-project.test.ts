import { describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { createActor } from "@/test/api-fixtures";
import { db } from "@/lib/db";
import { failure } from "@/test/app-error";
import { createProject } from "./create-project";
import { toProjectJson } from "./project-json";

withTestDb();

describe("createProject", () => {
  it("stores the settings, makes the creator its lead, keeps guidelines version 1 and audits", async () => {
    const lead = await createActor("lead", "LEAD");
    const project = await createProject({
      actor: lead,
      input: { slug: "helpful-1", name: "Helpful", guidelines: "# Be kind", scale: 2, allow_tie: false, overlap: 5, status: "active", attributes: [{ key: "harm", label: "Harm", min: 0, max: 2 }] },
    });
    expect(toProjectJson(project)).toMatchObject({
      slug: "helpful-1",
      name: "Helpful",
      guidelines: "# Be kind",
      guidelines_version: 1,
      scale: 2,
      allow_tie: false,
      require_rationale: false,
      overlap: 5,
      status: "active",
      lease_minutes: 30,
      attributes: [{ key: "harm", label: "Harm", min: 0, max: 2 }],
      created_at: expect.any(String),
    });
    expect(await db.membership.findMany({ where: { projectId: project.id }, select: { userId: true, role: true } })).toEqual([{ userId: lead.id, role: "LEAD" }]);
    expect(await db.guidelinesVersion.findMany({ where: { projectId: project.id }, select: { version: true, text: true } })).toEqual([{ version: 1, text: "# Be kind" }]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { projectId: project.id } });
    expect(audit).toMatchObject({ actorId: lead.id, action: "project.created", details: { slug: "helpful-1" } });
  });

  it("lets admins create projects and refuses annotators", async () => {
    const admin = await createActor("admin", "ADMIN");
    expect((await createProject({ actor: admin, input: { slug: "by-admin", name: "A" } })).status).toBe("DRAFT");
    const annotator = await createActor("annotator");
    expect((await failure(createProject({ actor: annotator, input: { slug: "by-annotator", name: "A" } }))).code).toBe("forbidden");
    expect(await db.project.count({ where: { slug: "by-annotator" } })).toBe(0);
  });

  it("answers a taken slug with 409, also when two creators race for it", async () => {
    const lead = await createActor("lead", "LEAD");
    await createProject({ actor: lead, input: { slug: "taken", name: "A" } });
    const error = await failure(createProject({ actor: lead, input: { slug: "taken", name: "B" } }));
    expect(error).toMatchObject({ code: "conflict", message: 'The slug "taken" is taken; choose another.' });
    const results = await Promise.allSettled([1, 2, 3].map((n) => createProject({ actor: lead, input: { slug: "race", name: `R${n}` } })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "conflict" });
  });

  it("validates raw input itself (422 naming the field)", async () => {
    const lead = await createActor("lead", "LEAD");
    const error = await failure(createProject({ actor: lead, input: { slug: "ok-slug", name: "n", overlap: 0 } }));
    expect(error.code).toBe("unprocessable");
    expect(error.message).toMatch(/^overlap:/);
  });
});
