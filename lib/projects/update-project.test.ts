import { describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { createActor } from "@/test/api-fixtures";
import { db } from "@/lib/db";
import { failure } from "@/test/app-error";
import { createItems, judgmentInput } from "@/lib/assignment/test-fixtures";
import { leaseNextItem } from "@/lib/assignment/lease-next-item";
import { submitJudgment } from "@/lib/judgments/submit-judgment";
import { createProject } from "./create-project";
import { updateProject } from "./update-project";

withTestDb();

let n = 0;
async function ledProject() {
  const lead = await createActor("lead", "LEAD");
  const project = await createProject({ actor: lead, input: { slug: `up-${++n}`, name: "P", guidelines: "v1 text", status: "active" } });
  return { lead, project };
}

describe("updateProject", () => {
  it("sets and clears adaptive overlap; the overlap follows K; k ≤ K is checked on the merged settings", async () => {
    const { lead, project } = await ledProject();
    const adaptive = await updateProject({ actor: lead, slug: project.slug, input: { overlap_min: 2, overlap_max: 5, stop_share: 0.8, stop_on: "bound" } });
    expect(adaptive).toMatchObject({ overlapMin: 2, overlapMax: 5, overlap: 5, stopShare: 0.8, stopOn: "bound" });
    // Only K sent, below the stored k: refused, naming the field.
    const refused = await failure(updateProject({ actor: lead, slug: project.slug, input: { overlap_max: 1 } }));
    expect(refused).toMatchObject({ code: "unprocessable", details: { field: "overlap_max" } });
    const fixed = await updateProject({ actor: lead, slug: project.slug, input: { overlap_min: null, overlap_max: null } });
    expect(fixed).toMatchObject({ overlapMin: null, overlapMax: null, overlap: 5 });
    const refusedHalf = await failure(updateProject({ actor: lead, slug: project.slug, input: { overlap_min: 3 } }));
    expect(refusedHalf).toMatchObject({ code: "unprocessable", details: { field: "overlap_max" } });
  });

  it("writes only what changed and audits those fields", async () => {
    const { lead, project } = await ledProject();
    const updated = await updateProject({ actor: lead, slug: project.slug, input: { name: "Renamed", overlap: 3, require_rationale: true, status: "paused" } });
    expect(updated).toMatchObject({ name: "Renamed", overlap: 3, requireRationale: true, status: "PAUSED", guidelinesVersion: 1 });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { projectId: project.id, action: "project.updated" } });
    expect(audit.details).toEqual({
      changed: ["name", "require_rationale", "status"],
      fields: { name: { from: "P", to: "Renamed" }, require_rationale: { from: false, to: true }, status: { from: "ACTIVE", to: "PAUSED" } },
    });
    // Nothing new: no write, no audit (attribute lists compare by content, whatever order jsonb keeps keys in).
    const attributes = [{ key: "harm", label: "Harm", min: 0, max: 2 }];
    await updateProject({ actor: lead, slug: project.slug, input: { attributes } });
    await updateProject({ actor: lead, slug: project.slug, input: { name: "Renamed", attributes } });
    expect(await db.auditEvent.count({ where: { projectId: project.id, action: "project.updated" } })).toBe(2);
  });

  it("keeps every guidelines version and bumps the number", async () => {
    const { lead, project } = await ledProject();
    await updateProject({ actor: lead, slug: project.slug, input: { guidelines: "v2 text" } });
    const third = await updateProject({ actor: lead, slug: project.slug, input: { guidelines: "v3 text" } });
    expect(third.guidelinesVersion).toBe(3);
    const versions = await db.guidelinesVersion.findMany({ where: { projectId: project.id }, orderBy: { version: "asc" }, select: { version: true, text: true } });
    expect(versions).toEqual([
      { version: 1, text: "v1 text" },
      { version: 2, text: "v2 text" },
      { version: 3, text: "v3 text" },
    ]);
    // The same text again is not a new version.
    expect((await updateProject({ actor: lead, slug: project.slug, input: { guidelines: "v3 text" } })).guidelinesVersion).toBe(3);
  });

  it("fixes the scale and ties once judgments exist (409), other settings stay editable", async () => {
    const { lead, project } = await ledProject();
    expect((await updateProject({ actor: lead, slug: project.slug, input: { scale: 2, allow_tie: false } })).scale).toBe(2);
    await createItems(project.id, 1);
    const annotator = await createActor("annotator");
    const lease = (await leaseNextItem({ userId: annotator.id, projectId: project.id }))!;
    const current = await db.project.findUniqueOrThrow({ where: { id: project.id } });
    await submitJudgment({ userId: annotator.id, project: current, input: judgmentInput(lease.externalId, 1) });
    for (const input of [{ scale: 3 }, { allow_tie: true }]) {
      const error = await failure(updateProject({ actor: lead, slug: project.slug, input }));
      expect(error.code).toBe("conflict");
      expect(error.message).toMatch(/cannot change once the project has judgments/);
    }
    // Restating the current values is fine.
    expect((await updateProject({ actor: lead, slug: project.slug, input: { scale: 2, allow_tie: false, overlap: 4 } })).overlap).toBe(4);
  });

  it("renames the slug, refusing one that is taken", async () => {
    const { lead, project } = await ledProject();
    const { project: other } = await ledProject();
    expect((await failure(updateProject({ actor: lead, slug: project.slug, input: { slug: other.slug } }))).code).toBe("conflict");
    expect((await updateProject({ actor: lead, slug: project.slug, input: { slug: `${project.slug}-renamed` } })).slug).toBe(`${project.slug}-renamed`);
  });

  it("is for the project's leads and admins only", async () => {
    const { project } = await ledProject();
    const otherLead = await createActor("other-lead", "LEAD");
    expect((await failure(updateProject({ actor: otherLead, slug: project.slug, input: { name: "x" } }))).code).toBe("not_found");
    const member = await createActor("member");
    await db.membership.create({ data: { userId: member.id, projectId: project.id, role: "ANNOTATOR" } });
    expect((await failure(updateProject({ actor: member, slug: project.slug, input: { name: "x" } }))).code).toBe("forbidden");
    const admin = await createActor("admin", "ADMIN");
    expect((await updateProject({ actor: admin, slug: project.slug, input: { name: "By admin" } })).name).toBe("By admin");
    expect((await failure(updateProject({ actor: admin, slug: "no-such", input: {} }))).code).toBe("not_found");
  });
});
