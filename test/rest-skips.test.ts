import { beforeAll, describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { routeContext, unique, userWithToken } from "@/test/api-fixtures";
import { GET, POST } from "@/app/api/v1/projects/[slug]/skips/route";
import { getPseudonymKey, pseudonymFor } from "@/lib/export/pseudonym";

/** `GET /api/v1/projects/{slug}/skips`: the reasons, newest first, paged, annotators as pseudonyms for leads. */
withTestDb();
let lead: { token: string; id: string };
let annotator: { token: string; id: string; email: string };
beforeAll(async () => {
  lead = await userWithToken("lead", "LEAD");
  annotator = await userWithToken("annotator", "ANNOTATOR");
});

const call = async (handler: typeof GET, token: string, slug: string, query = "", body?: unknown) => {
  const headers = new Headers({ Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json" } : {}) });
  const request = new Request(`http://localhost/api/v1/projects/${slug}/skips${query}`, { method: body ? "POST" : "GET", headers, body: body ? JSON.stringify(body) : undefined });
  const response = await handler(request, routeContext({ slug }));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe("GET /api/v1/projects/{slug}/skips", () => {
  it("lists what annotators skipped and why, in pages, by pseudonym, for leads only", async () => {
    const project = await db.project.create({ data: { slug: `skips-${unique()}`, name: "Skips", status: "ACTIVE" } });
    await db.membership.createMany({ data: [{ userId: lead.id, projectId: project.id, role: "LEAD" }, { userId: annotator.id, projectId: project.id, role: "ANNOTATOR" }] });
    for (const id of ["s-1", "s-2"]) await db.item.create({ data: { projectId: project.id, externalId: id, prompt: "p", promptText: "p", responseA: "a", responseB: "b" } });
    expect((await call(POST, annotator.token, project.slug, "", { item_id: "s-1", reason: "Not my language" })).status).toBe(201);
    expect((await call(POST, annotator.token, project.slug, "", { item_id: "s-2", reason: "Too long" })).status).toBe(201);

    const first = await call(GET, lead.token, project.slug, "?limit=1");
    expect(first.status).toBe(200);
    const name = pseudonymFor(annotator.id, await getPseudonymKey(project.id));
    expect(first.body).toMatchObject({ total: 2, skips: [{ item_id: "s-2", reason: "Too long", annotator: name }] });
    const second = await call(GET, lead.token, project.slug, `?limit=1&cursor=${first.body.next_cursor as string}`);
    expect(second.body).toMatchObject({ skips: [{ item_id: "s-1", reason: "Not my language", annotator: name }], next_cursor: null });
    expect(JSON.stringify([first.body, second.body])).not.toContain(annotator.email);

    expect((await call(GET, annotator.token, project.slug)).status).toBe(403);
    expect((await call(GET, lead.token, project.slug, "?limit=0")).status).toBe(400);
  });
});
