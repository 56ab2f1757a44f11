import { beforeAll, describe, expect, it, vi } from "vitest";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { createItems } from "@/lib/assignment/test-fixtures";
import { apiRequest, routeContext, unique, userWithToken } from "@/test/api-fixtures";
import * as next from "@/app/api/v1/projects/[slug]/next/route";
import * as judgments from "@/app/api/v1/projects/[slug]/judgments/route";
import * as skips from "@/app/api/v1/projects/[slug]/skips/route";

/**
 * Fault: the network drops the answer, the screen retries, a nervous user
 * double-clicks. Through the REST handlers: however many times and however
 * concurrently one submit arrives, it makes one judgment; the answers say
 * which was stored (201) and which were repeats (200).
 */
vi.mock("next-auth", async (importOriginal) => ({ ...(await importOriginal<object>()), getServerSession: async () => null }));

withTestDb();
let slug: string;
let projectId: string;
let annotator: Awaited<ReturnType<typeof userWithToken>>;

beforeAll(async () => {
  slug = `retry-${unique()}`;
  const project = await db.project.create({ data: { slug, name: "Retries", status: "ACTIVE", overlap: 3 } });
  projectId = project.id;
  await createItems(project.id, 10);
  annotator = await userWithToken("retrier");
  await db.membership.create({ data: { userId: annotator.id, projectId } });
});

async function leaseOne(): Promise<string> {
  const response = await next.GET(apiRequest(`/projects/${slug}/next`, { token: annotator.token }), routeContext({ slug }));
  expect(response.status).toBe(200);
  return ((await response.json()) as { item_id: string }).item_id;
}

const post = (body: unknown) => judgments.POST(apiRequest(`/projects/${slug}/judgments`, { method: "POST", token: annotator.token, body }), routeContext({ slug }));
const stored = (itemId: string) => db.judgment.findMany({ where: { userId: annotator.id, item: { projectId, externalId: itemId } } });

describe("a submit that arrives more than once", () => {
  it("double-clicked: five copies at once make one judgment, one 201 and four 200s with the same body", async () => {
    const itemId = await leaseOne();
    const body = { item_id: itemId, preference: 2, client_id: `dbl-${unique()}${unique()}` };
    const responses = await Promise.all(Array.from({ length: 5 }, () => post(body)));
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    const bodies = await Promise.all(responses.map((r) => r.json()));
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    expect(await stored(itemId)).toHaveLength(1);
    expect(await db.item.findFirst({ where: { projectId, externalId: itemId }, select: { judgmentCount: true, activeLeases: true } })).toEqual({ judgmentCount: 1, activeLeases: 0 });
  });

  it("retried after the answer was lost: the retry gets 200 and the stored judgment, unchanged", async () => {
    const itemId = await leaseOne();
    const body = { item_id: itemId, preference: -3, client_id: `lost-${unique()}${unique()}`, rationale: "A is right" };
    expect((await post(body)).status).toBe(201);
    // The retry carries the same client_id; even a changed preference does not make a second row or change the first.
    const retry = await post({ ...body, preference: 3 });
    expect(retry.status).toBe(200);
    expect(((await retry.json()) as { judgment: { preference: number } }).judgment.preference).toBe(-3);
    const rows = await stored(itemId);
    expect(rows.map((r) => [r.preference, r.rationale])).toEqual([[-3, "A is right"]]);
  });

  it("resent with a new client_id (a second submit of the same pair): 409, still one judgment", async () => {
    const itemId = await leaseOne();
    expect((await post({ item_id: itemId, preference: 1, client_id: `one-${unique()}${unique()}` })).status).toBe(201);
    const again = await post({ item_id: itemId, preference: -1, client_id: `two-${unique()}${unique()}` });
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({ error: { code: "conflict", message: "You have already judged this item; use undo to change your judgment." } });
    expect(await stored(itemId)).toHaveLength(1);
  });

  it("a skip sent twice at once is recorded once", async () => {
    const itemId = await leaseOne();
    const send = () => skips.POST(apiRequest(`/projects/${slug}/skips`, { method: "POST", token: annotator.token, body: { item_id: itemId, reason: "unreadable" } }), routeContext({ slug }));
    const responses = await Promise.all([send(), send()]);
    expect(responses.map((r) => r.status)).toEqual([201, 201]);
    expect(await db.skip.count({ where: { userId: annotator.id, item: { projectId, externalId: itemId } } })).toBe(1);
    expect(await db.item.findFirst({ where: { projectId, externalId: itemId }, select: { activeLeases: true } })).toEqual({ activeLeases: 0 });
  });
});
