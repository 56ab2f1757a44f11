import { describe, expect, it, vi } from "vitest";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { createActor, apiRequest, routeContext, userWithToken, unique } from "@/test/api-fixtures";
import { failure } from "@/test/app-error";
import { createProject } from "@/lib/projects/create-project";
import { updateProject } from "@/lib/projects/update-project";
import { addMember } from "@/lib/members/add-member";
import { GET as getProject } from "@/app/api/v1/projects/[slug]/route";
import { GET as next } from "@/app/api/v1/projects/[slug]/next/route";
import { POST as setStatus } from "@/app/api/v1/projects/[slug]/members/[userId]/quality-status/route";

vi.mock("next/headers", async (importOriginal) => ({ ...(await importOriginal<object>()), headers: async () => new Headers() }));

withTestDb();

describe("quality settings", () => {
  it("are validated with field errors, checked against the gold items, and shown by REST", async () => {
    const lead = await userWithToken("lead", "LEAD");
    const actor = await db.user.findUniqueOrThrow({ where: { id: lead.id }, select: { id: true, email: true, name: true, role: true } });
    const slug = `q-${unique()}`;
    const project = await createProject({ actor, input: { slug, name: "Q", status: "active" } });
    expect((await failure(updateProject({ actor, slug, input: { gold_rate: 1 } }))).message).toMatch(/gold_rate: must be 0 \(off\) or from 2 to 1000/);
    expect((await failure(updateProject({ actor, slug, input: { recheck_rate: 0.6 } }))).message).toMatch(/recheck_rate: must be at most 0.5/);
    expect((await failure(updateProject({ actor, slug, input: { qualification_items: 2 } }))).message).toMatch(
      /qualification_items: must be at most the project's gold items \(0\)/,
    );
    expect((await failure(updateProject({ actor, slug, input: { pause_min_gold: 30 } }))).message).toMatch(/gold_window: must be at least pause_min_gold \(30\)/);
    for (let i = 0; i < 2; i++) {
      await db.item.create({ data: { projectId: project.id, externalId: `g${i}`, prompt: "p", responseA: "a", responseB: "b", goldPreference: -1 } });
    }
    await updateProject({ actor, slug, input: { qualification_items: 2, gold_rate: 10, gold_feedback: "training", pause_below_accuracy: 0.5 } });
    const response = await getProject(apiRequest(`/projects/${slug}`, { token: lead.token }), routeContext({ slug }));
    expect((await response.json()).project).toMatchObject({ qualification_items: 2, gold_rate: 10, gold_feedback: "training", pause_below_accuracy: 0.5, recheck_rate: 0 });

    // A new annotator qualifies first; a lead does not.
    const admin = await createActor("admin", "ADMIN");
    const annotator = await userWithToken("annotator");
    await addMember({ actor: admin, slug, input: { email: annotator.email, role: "annotator" } });
    expect(await db.membership.findFirstOrThrow({ where: { userId: annotator.id, projectId: project.id } })).toMatchObject({ qualityStatus: "QUALIFYING" });
    expect(await db.membership.findFirstOrThrow({ where: { userId: lead.id, projectId: project.id } })).toMatchObject({ qualityStatus: "ACTIVE" });

    // Over REST: the lead pauses, the annotator's /next is a 403 with the reason; the annotator cannot act.
    const path = `/projects/${slug}/members/${annotator.id}/quality-status`;
    const paused = await setStatus(apiRequest(path, { method: "POST", token: lead.token, body: { action: "pause" } }), routeContext({ slug, userId: annotator.id }));
    expect(await paused.json()).toEqual({ user_id: annotator.id, quality_status: "PAUSED" });
    const refused = await next(apiRequest(`/projects/${slug}/next`, { token: annotator.token }), routeContext({ slug }));
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toMatchObject({ code: "forbidden", details: { reason: "paused" }, message: expect.stringMatching(/paused/) });
    const bad = await setStatus(apiRequest(path, { method: "POST", token: lead.token, body: { action: "promote" } }), routeContext({ slug, userId: annotator.id }));
    expect(bad.status).toBe(422);
    const self = await setStatus(apiRequest(path, { method: "POST", token: annotator.token, body: { action: "readmit" } }), routeContext({ slug, userId: annotator.id }));
    expect(self.status).toBe(403);
  });
});
