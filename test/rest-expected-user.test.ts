import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import { db } from "@/lib/db";
import { leaseNextItem } from "@/lib/assignment/lease-next-item";
import { createItems, judgmentInput } from "@/lib/assignment/test-fixtures";
import { apiRequest, routeContext, unique, userWithToken } from "@/test/api-fixtures";
import * as judgments from "@/app/api/v1/projects/[slug]/judgments/route";
import * as judgment from "@/app/api/v1/projects/[slug]/judgments/[itemId]/route";

vi.mock("next/headers", async (importOriginal) => ({ ...(await importOriginal<object>()), headers: async () => new Headers() }));

/**
 * Issue 8 item 8, the server's half: a judgment queued on a shared browser
 * names the account it was made under (`expected_user_id`). Sent while
 * someone else is signed in, it is a 401 and nothing is stored under them.
 */
let t: TestDb;
let first: { id: string; token: string };
let second: { id: string; token: string };
let slug: string;
let projectId: string;

beforeAll(async () => {
  t = await createTestDb();
  first = await userWithToken("first-annotator");
  second = await userWithToken("second-annotator");
  slug = `eu-${unique()}`;
  projectId = (await db.project.create({ data: { slug, name: "Shared browser", status: "ACTIVE", overlap: 3, scale: 3 } })).id;
  await createItems(projectId, 4);
  await db.membership.createMany({ data: [{ userId: first.id, projectId }, { userId: second.id, projectId }] });
});
afterAll(async () => {
  await t.cleanup();
});

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const send = (handler: Handler, method: string, path: string, params: Record<string, string>, token: string, body: unknown) =>
  handler(apiRequest(path, { method, token, body }), routeContext(params));
const judgmentsOf = (userId: string) => db.judgment.findMany({ where: { userId, item: { projectId } }, select: { preference: true, clientId: true } });

describe("a judgment queued under one account, sent under another", () => {
  it("POST and PATCH answer 401 and store nothing under the account signed in now", async () => {
    // Both hold a lease on the same item (overlap 3), so only the account check can stop the write.
    const item = (await leaseNextItem({ userId: second.id, projectId }))!.externalId;
    expect((await leaseNextItem({ userId: first.id, projectId }))!.externalId).toBe(item);
    const queued = { ...judgmentInput(item, -3), expected_user_id: first.id };
    const post = await send(judgments.POST, "POST", `/projects/${slug}/judgments`, { slug }, second.token, queued);
    expect(post.status).toBe(401);
    expect(await post.json()).toMatchObject({ error: { code: "unauthorized", message: expect.stringMatching(/another account/) } });
    expect(await judgmentsOf(second.id)).toEqual([]);

    const own = judgmentInput(item, 1);
    expect((await send(judgments.POST, "POST", `/projects/${slug}/judgments`, { slug }, second.token, { ...own, expected_user_id: second.id })).status).toBe(201);
    const patch = await send(judgment.PATCH, "PATCH", `/projects/${slug}/judgments/${item}`, { slug, itemId: item }, second.token, { ...queued, client_id: own.client_id });
    expect(patch.status).toBe(401);
    expect(await judgmentsOf(second.id)).toEqual([{ preference: 1, clientId: own.client_id }]);
  });

  it("the account it was made under sends it normally; a client without the field is unaffected", async () => {
    const item = (await leaseNextItem({ userId: first.id, projectId }))!.externalId;
    const queued = { ...judgmentInput(item, 2), expected_user_id: first.id };
    expect((await send(judgments.POST, "POST", `/projects/${slug}/judgments`, { slug }, first.token, queued)).status).toBe(201);
    const next = (await leaseNextItem({ userId: first.id, projectId }))!.externalId;
    expect((await send(judgments.POST, "POST", `/projects/${slug}/judgments`, { slug }, first.token, judgmentInput(next, 0))).status).toBe(201);
  });
});
