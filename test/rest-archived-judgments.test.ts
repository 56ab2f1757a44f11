import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import { db } from "@/lib/db";
import { leaseNextItem } from "@/lib/assignment/lease-next-item";
import { createItems, judgmentInput } from "@/lib/assignment/test-fixtures";
import { apiRequest, routeContext, unique, userWithToken } from "@/test/api-fixtures";
import * as judgments from "@/app/api/v1/projects/[slug]/judgments/route";
import * as judgment from "@/app/api/v1/projects/[slug]/judgments/[itemId]/route";
import * as skips from "@/app/api/v1/projects/[slug]/skips/route";

// A script's request has no Origin; the route checks it only for cookie requests.
vi.mock("next/headers", async (importOriginal) => ({ ...(await importOriginal<object>()), headers: async () => new Headers() }));

/**
 * Issue 8 item 10: once a project is ARCHIVED its judgments are final. Every
 * judgment write (submit, Undo's PATCH, skip) answers 409 as `next` does, and
 * nothing changes; a PAUSED project still takes edits and late submits.
 */
let t: TestDb;
let annotator: { id: string; token: string };
let slug: string;
let projectId: string;
let judged: string;
let leased: string;
let storedClientId: string;

beforeAll(async () => {
  t = await createTestDb();
  annotator = await userWithToken("archived-annotator");
  slug = `arch-${unique()}`;
  const project = await db.project.create({ data: { slug, name: "Archived", status: "ACTIVE", overlap: 3, scale: 3 } });
  projectId = project.id;
  await createItems(project.id, 4);
  await db.membership.create({ data: { userId: annotator.id, projectId } });
  judged = (await leaseNextItem({ userId: annotator.id, projectId }))!.externalId;
  const body = judgmentInput(judged, 1);
  storedClientId = body.client_id;
  expect((await send(judgments.POST, "POST", `/projects/${slug}/judgments`, { slug }, body)).status).toBe(201);
  leased = (await leaseNextItem({ userId: annotator.id, projectId }))!.externalId;
});
afterAll(async () => {
  await t.cleanup();
});

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
function send(handler: Handler, method: string, path: string, params: Record<string, string>, body: unknown) {
  return handler(apiRequest(path, { method, token: annotator.token, body }), routeContext(params));
}
const patch = (preference: number) =>
  send(judgment.PATCH, "PATCH", `/projects/${slug}/judgments/${judged}`, { slug, itemId: judged }, { item_id: judged, preference, client_id: `p-${unique()}${unique()}` });
const stored = () => db.judgment.findMany({ where: { item: { projectId } }, select: { preference: true, updatedAt: true }, orderBy: { createdAt: "asc" } });
const setStatus = (status: "ACTIVE" | "PAUSED" | "ARCHIVED") => db.project.update({ where: { id: projectId }, data: { status } });

describe("judgment writes on an archived project", () => {
  it("PATCH (Undo) is a 409 and the judgment stays as it was", async () => {
    await setStatus("ARCHIVED");
    const before = await stored();
    const response = await patch(-3);
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: { code: "conflict", message: expect.stringMatching(/archived/) } });
    expect(await stored()).toEqual(before);
  });

  it("a new submit and a skip are 409s; a retry of a judgment stored before the archive still gets it back", async () => {
    await setStatus("ARCHIVED");
    const before = await stored();
    const submit = await send(judgments.POST, "POST", `/projects/${slug}/judgments`, { slug }, judgmentInput(leased, 2));
    expect(submit.status).toBe(409);
    const skip = await send(skips.POST, "POST", `/projects/${slug}/skips`, { slug }, { item_id: leased, reason: "unreadable" });
    expect(skip.status).toBe(409);
    expect(await db.skip.count({ where: { item: { projectId } } })).toBe(0);
    const retry = await send(judgments.POST, "POST", `/projects/${slug}/judgments`, { slug }, { ...judgmentInput(judged, 1), client_id: storedClientId });
    expect(retry.status).toBe(200);
    expect(await stored()).toEqual(before);
  });

  it("a PAUSED project still takes an edit (work from before the pause is kept)", async () => {
    await setStatus("PAUSED");
    expect((await patch(-1)).status).toBe(200);
    expect((await stored())[0]?.preference).toBe(-1);
  });
});
