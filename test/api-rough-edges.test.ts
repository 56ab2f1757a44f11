import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { leaseNextItem } from "@/lib/assignment/lease-next-item";
import { createItems } from "@/lib/assignment/test-fixtures";
import { apiRequest, routeContext, unique, userWithToken } from "@/test/api-fixtures";
import * as next from "@/app/api/v1/projects/[slug]/next/route";
import * as judgments from "@/app/api/v1/projects/[slug]/judgments/route";
import * as judgment from "@/app/api/v1/projects/[slug]/judgments/[itemId]/route";

/** Issue 11, item 15: the REST API's rough edges a data team met. */
const session = { current: null as null | { user: { id: string } } };
vi.mock("next/headers", async (importOriginal) => ({ ...(await importOriginal<object>()), headers: async () => new Headers() }));
vi.mock("next-auth", async (importOriginal) => ({ ...(await importOriginal<object>()), getServerSession: async () => session.current }));

withTestDb();
let annotator: { id: string; token: string };
let slug: string;
let projectId: string;

beforeAll(async () => {
  annotator = await userWithToken("rough-edges");
  slug = `re-${unique()}`;
  projectId = (await db.project.create({ data: { slug, name: "Rough edges", status: "ACTIVE", overlap: 1, scale: 3 } })).id;
  await createItems(projectId, 3);
  await db.membership.create({ data: { userId: annotator.id, projectId } });
});
beforeEach(() => {
  session.current = null;
});

describe("no credentials", () => {
  it("a request with neither a token nor a session is told the bearer token is missing", async () => {
    const response = await next.GET(apiRequest(`/projects/${slug}/next`), routeContext({ slug }));
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "unauthorized", message: expect.stringMatching(/^Missing bearer token/) } });
  });

  it("the session cookie still works without a token", async () => {
    session.current = { user: { id: annotator.id } };
    expect((await next.GET(apiRequest(`/projects/${slug}/next`), routeContext({ slug }))).status).toBe(200);
  });
});

describe("PATCH of one's judgment", () => {
  it("needs neither item_id nor client_id in the body (the URL names the item); a mismatching item_id is a 400", async () => {
    const item = (await leaseNextItem({ userId: annotator.id, projectId }))!.externalId;
    const post = await judgments.POST(
      apiRequest(`/projects/${slug}/judgments`, { method: "POST", token: annotator.token, body: { item_id: item, preference: -2, client_id: `c-${unique()}` } }),
      routeContext({ slug }),
    );
    expect(post.status).toBe(201);
    const patch = (body: unknown) => judgment.PATCH(apiRequest(`/projects/${slug}/judgments/${item}`, { method: "PATCH", token: annotator.token, body }), routeContext({ slug, itemId: item }));
    const changed = await patch({ preference: 1 });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ judgment: { item_id: item, preference: 1 } });
    expect((await patch({ item_id: "another", preference: 2 })).status).toBe(400);
    expect((await patch({ item_id: item, client_id: "whatever1", preference: 2 })).status).toBe(200);
  });
});
