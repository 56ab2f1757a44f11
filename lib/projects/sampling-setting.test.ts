import { describe, expect, it, vi } from "vitest";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { apiRequest, routeContext, userWithToken, unique } from "@/test/api-fixtures";
import { createProject } from "@/lib/projects/create-project";
import { GET, PATCH } from "@/app/api/v1/projects/[slug]/route";
import { POST as create } from "@/app/api/v1/projects/route";

vi.mock("next/headers", async (importOriginal) => ({ ...(await importOriginal<object>()), headers: async () => new Headers() }));

withTestDb();

describe("the sampling setting over REST", () => {
  it("defaults to uniform, is set by a lead with PATCH, refuses other values naming the field, and is audited", async () => {
    const lead = await userWithToken("lead", "LEAD");
    const actor = await db.user.findUniqueOrThrow({ where: { id: lead.id }, select: { id: true, email: true, name: true, role: true } });
    const slug = `s-${unique()}`;
    const project = await createProject({ actor, input: { slug, name: "S" } });
    expect(project.sampling).toBe("uniform");

    const bad = await PATCH(apiRequest(`/projects/${slug}`, { method: "PATCH", token: lead.token, body: { sampling: "random" } }), routeContext({ slug }));
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toMatch(/sampling.*must be \\"uniform\\" or \\"leaderboard\\"/);

    const good = await PATCH(apiRequest(`/projects/${slug}`, { method: "PATCH", token: lead.token, body: { sampling: "leaderboard" } }), routeContext({ slug }));
    expect(good.status).toBe(200);
    expect((await good.json()).project).toMatchObject({ slug, sampling: "leaderboard" });
    const read = await GET(apiRequest(`/projects/${slug}`, { token: lead.token }), routeContext({ slug }));
    expect((await read.json()).project.sampling).toBe("leaderboard");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { projectId: project.id, action: "project.updated" }, select: { details: true } });
    expect(audit.details).toMatchObject({ changed: ["sampling"], fields: { sampling: { from: "uniform", to: "leaderboard" } } });

    // An annotator of the project may read it but not change it.
    const annotator = await userWithToken("annotator");
    await db.membership.create({ data: { userId: annotator.id, projectId: project.id, role: "ANNOTATOR" } });
    const refused = await PATCH(apiRequest(`/projects/${slug}`, { method: "PATCH", token: annotator.token, body: { sampling: "uniform" } }), routeContext({ slug }));
    expect(refused.status).toBe(403);

    const created = await create(apiRequest(`/projects`, { method: "POST", token: lead.token, body: { slug: `t-${unique()}`, name: "T", sampling: "leaderboard" } }), routeContext({}));
    expect(created.status).toBe(201);
    expect((await created.json()).project.sampling).toBe("leaderboard");
  });
});
