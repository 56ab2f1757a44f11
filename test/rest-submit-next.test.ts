import { randomBytes, randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import { db } from "@/lib/db";
import { apiRequest, routeContext, userWithToken } from "@/test/api-fixtures";
import { createItems, createProject } from "@/lib/assignment/test-fixtures";
import { nextItemJson, storedJudgmentJson } from "@/lib/validations/annotate-response";
import { toItemTerms } from "@/lib/scale/preference-scale";
import * as next from "@/app/api/v1/projects/[slug]/next/route";
import * as judgments from "@/app/api/v1/projects/[slug]/judgments/route";

// A request from a script has no Origin or cookie; the wrapper only looks for them without a bearer token.
vi.mock("next/headers", async (importOriginal) => ({ ...(await importOriginal<object>()), headers: async () => new Headers() }));
vi.mock("next-auth", async (importOriginal) => ({ ...(await importOriginal<object>()), getServerSession: async () => null }));

/**
 * `POST …/judgments` with `next: true` (issue 13, the one-request flow): the
 * stored judgment and the next lease in one answer, as the annotation screen
 * uses it; retries, exclusion, nothing left, refusals, and the overlap
 * invariant with twenty annotators working this way at once.
 */
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.cleanup();
});

type Route = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Answer = { status: number; body: Record<string, unknown> | null };

async function call(route: Route, slug: string, token: string, path: string, body?: unknown): Promise<Answer> {
  const response = await route(apiRequest(`/projects/${slug}${path}`, { token, method: body === undefined ? "GET" : "POST", body }), routeContext({ slug }));
  return { status: response.status, body: response.status === 204 ? null : ((await response.json()) as Record<string, unknown>) };
}

const clientId = () => `c-${randomBytes(8).toString("hex")}`;

async function setup(options: { items: number; overlap?: number; annotators?: number }) {
  const project = await createProject({ overlap: options.overlap ?? 1, scale: 3 });
  const items = await createItems(project.id, options.items);
  const users = await Promise.all(Array.from({ length: options.annotators ?? 1 }, (_, i) => userWithToken(`one-trip-${i}`)));
  await db.membership.createMany({ data: users.map((u) => ({ userId: u.id, projectId: project.id, role: "ANNOTATOR" as const })) });
  return { project, items, users };
}

function parseStrictly(value: unknown) {
  const parsed = storedJudgmentJson.parse(value);
  expect(parsed).toEqual(value);
  return parsed;
}

describe("POST …/judgments with next: true", () => {
  it("answers the stored judgment and the next lease, in GET …/next's shape, never the judged item or an excluded one", async () => {
    const { project, users } = await setup({ items: 5 });
    const [user] = users;
    const first = await call(next.GET, project.slug, user!.token, "/next");
    const firstId = nextItemJson.parse(first.body).item_id;
    const prefetched = nextItemJson.parse((await call(next.GET, project.slug, user!.token, `/next?exclude=${firstId}`)).body).item_id;

    const answer = await call(judgments.POST, project.slug, user!.token, "/judgments", {
      item_id: firstId, preference: 1, client_id: clientId(), next: true, exclude: [prefetched],
    });
    expect(answer.status).toBe(201);
    const body = parseStrictly(answer.body);
    expect(body.judgment).toMatchObject({ item_id: firstId, preference: 1, choice: "B" });
    expect(body.next).toBeTruthy();
    expect(nextItemJson.strict().parse(body.next)).toEqual(body.next);
    expect(Object.keys(body.next!).sort()).toEqual(["item_id", "kind", "lease_expires_at", "prompt", "response_a", "response_b"]);
    expect([firstId, prefetched]).not.toContain(body.next!.item_id);
    expect(body.next_refusal).toBeUndefined();
    // It is a real lease: the held assignment is open, and GET …/next resumes it.
    const resumed = await call(next.GET, project.slug, user!.token, `/next?exclude=${prefetched}`);
    expect(nextItemJson.parse(resumed.body).item_id).toBe(body.next!.item_id);
    expect(nextItemJson.parse(resumed.body).lease_expires_at).toBe(body.next!.lease_expires_at);
  });

  it("adds the rendered pair with view: annotate, and leaves next out when not asked", async () => {
    const { project, users } = await setup({ items: 3 });
    const [user] = users;
    const a = nextItemJson.parse((await call(next.GET, project.slug, user!.token, "/next")).body).item_id;
    const plain = await call(judgments.POST, project.slug, user!.token, "/judgments", { item_id: a, preference: 0, client_id: clientId() });
    expect(plain.status).toBe(201);
    expect(plain.body).not.toHaveProperty("next");
    const b = nextItemJson.parse((await call(next.GET, project.slug, user!.token, "/next")).body).item_id;
    const withView = await call(judgments.POST, project.slug, user!.token, "/judgments", { item_id: b, preference: -1, client_id: clientId(), next: true, view: "annotate" });
    const body = parseStrictly(withView.body);
    expect(body.next?.view).toMatchObject({ item_id: body.next?.item_id, lease_expires_at: body.next?.lease_expires_at });
    expect([a, b]).not.toContain(body.next?.item_id);
  });

  it("a retry by client_id gets the stored judgment (200) and the lease the first answer handed out", async () => {
    const { project, users } = await setup({ items: 4 });
    const [user] = users;
    const a = nextItemJson.parse((await call(next.GET, project.slug, user!.token, "/next")).body).item_id;
    const sent = { item_id: a, preference: 2, client_id: clientId(), next: true };
    const first = parseStrictly((await call(judgments.POST, project.slug, user!.token, "/judgments", sent)).body);
    const again = await call(judgments.POST, project.slug, user!.token, "/judgments", sent);
    expect(again.status).toBe(200);
    const retried = parseStrictly(again.body);
    expect(retried.judgment).toEqual(first.judgment);
    expect(retried.next?.item_id).toBe(first.next?.item_id);
    expect(await db.judgment.count({ where: { item: { projectId: project.id } } })).toBe(1);
    // One lease held, not two: the retry leased nothing new.
    expect(await db.assignment.count({ where: { item: { projectId: project.id }, open: true } })).toBe(1);
  });

  it("answers next: null when nothing is left, and the judgment still counts", async () => {
    const { project, users } = await setup({ items: 2 });
    const [user] = users;
    const a = nextItemJson.parse((await call(next.GET, project.slug, user!.token, "/next")).body).item_id;
    const b = nextItemJson.parse((await call(judgments.POST, project.slug, user!.token, "/judgments", { item_id: a, preference: 1, client_id: clientId(), next: true })).body!.next).item_id;
    const last = await call(judgments.POST, project.slug, user!.token, "/judgments", { item_id: b, preference: 1, client_id: clientId(), next: true });
    expect(last.status).toBe(201);
    const body = parseStrictly(last.body);
    expect(body.next).toBeNull();
    expect(body.next_refusal).toBeUndefined();
    expect(await db.judgment.count({ where: { item: { projectId: project.id } } })).toBe(2);
    // Excluding the only item another annotator could get leaves nothing either.
  });

  it("stores the judgment and says why no lease came when the project was paused or the annotator is paused", async () => {
    const { project, users } = await setup({ items: 4 });
    const [user] = users;
    const a = nextItemJson.parse((await call(next.GET, project.slug, user!.token, "/next")).body).item_id;
    await db.project.update({ where: { id: project.id }, data: { status: "PAUSED" } });
    const paused = await call(judgments.POST, project.slug, user!.token, "/judgments", { item_id: a, preference: 1, client_id: clientId(), next: true });
    expect(paused.status).toBe(201);
    const body = parseStrictly(paused.body);
    expect(body.next).toBeNull();
    expect(body.next_refusal).toMatchObject({ code: "conflict" });
    expect(body.next_refusal?.message).toMatch(/paused/);

    await db.project.update({ where: { id: project.id }, data: { status: "ACTIVE" } });
    const b = nextItemJson.parse((await call(next.GET, project.slug, user!.token, "/next")).body).item_id;
    await db.membership.update({ where: { userId_projectId: { userId: user!.id, projectId: project.id } }, data: { qualityStatus: "PAUSED" } });
    const stopped = await call(judgments.POST, project.slug, user!.token, "/judgments", { item_id: b, preference: -1, client_id: clientId(), next: true });
    expect(stopped.status).toBe(201);
    const refused = parseStrictly(stopped.body);
    expect(refused.next).toBeNull();
    expect(refused.next_refusal).toMatchObject({ code: "forbidden", details: { reason: "paused" } });
    // GET …/next says the same thing as a 403.
    const get = await call(next.GET, project.slug, user!.token, "/next");
    expect(get.status).toBe(403);
    expect((get.body as { error: unknown }).error).toEqual(refused.next_refusal);
    expect(await db.judgment.count({ where: { item: { projectId: project.id } } })).toBe(2);
  });

  it("gold answers go the same way: the last wrong qualification answer is stored (201) and the refusal comes as next_refusal", async () => {
    const { project, users } = await setup({ items: 2 });
    await db.project.update({ where: { id: project.id }, data: { qualificationItems: 2, qualificationPassMark: 1 } });
    for (let i = 1; i <= 3; i++) {
      await db.item.create({ data: { projectId: project.id, externalId: `g-${i}`, prompt: `Gold ${i}`, responseA: "good", responseB: "bad", goldPreference: 2 } });
    }
    const [user] = users;
    await db.membership.update({ where: { userId_projectId: { userId: user!.id, projectId: project.id } }, data: { qualityStatus: "QUALIFYING", qualifyingSince: new Date() } });
    let lease = nextItemJson.parse((await call(next.GET, project.slug, user!.token, "/next")).body);
    expect(lease.item_id).toMatch(/^g-/);
    // First gold answer wrong: stored, and the next qualification item comes with it.
    const first = parseStrictly((await call(judgments.POST, project.slug, user!.token, "/judgments", { item_id: lease.item_id, preference: -2, client_id: clientId(), next: true })).body);
    expect(first.judgment).toMatchObject({ item_id: lease.item_id, preference: -2 });
    expect(first.next?.item_id).toMatch(/^g-/);
    expect(first.next?.item_id).not.toBe(lease.item_id);
    lease = first.next!;
    const sent = { item_id: lease.item_id, preference: -2, client_id: clientId(), next: true };
    const second = await call(judgments.POST, project.slug, user!.token, "/judgments", sent);
    expect(second.status).toBe(201);
    const body = parseStrictly(second.body);
    expect(body.next).toBeNull();
    expect(body.next_refusal).toMatchObject({ code: "forbidden", details: { reason: "not_qualified", answered: 2, correct: 0, needed: 2 } });
    // The retry gets the stored answer and the same refusal.
    const retry = await call(judgments.POST, project.slug, user!.token, "/judgments", sent);
    expect(retry.status).toBe(200);
    expect(parseStrictly(retry.body).next_refusal).toEqual(body.next_refusal);
    expect(await db.checkAnswer.count({ where: { userId: user!.id, answeredAt: { not: null } } })).toBe(2);
    expect(await db.judgment.count({ where: { item: { projectId: project.id } } })).toBe(0);
  });

  it("refuses (422) exclude or view without next: true, saying which field", async () => {
    const { project, users } = await setup({ items: 1 });
    const [user] = users;
    const a = nextItemJson.parse((await call(next.GET, project.slug, user!.token, "/next")).body).item_id;
    const bad = await call(judgments.POST, project.slug, user!.token, "/judgments", { item_id: a, preference: 1, client_id: clientId(), exclude: ["x"] });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toMatch(/exclude/);
    const notBool = await call(judgments.POST, project.slug, user!.token, "/judgments", { item_id: a, preference: 1, client_id: clientId(), next: "yes" });
    expect(notBool.status).toBe(422);
    expect(JSON.stringify(notBool.body)).toMatch(/next/);
    expect(await db.judgment.count({ where: { item: { projectId: project.id } } })).toBe(0);
  });

  it("twenty annotators looping on next: true end with exactly overlap judgments per item", async () => {
    const { project, items, users } = await setup({ items: 30, overlap: 3, annotators: 20 });
    const perAnnotator = await Promise.all(
      users.map(async (user) => {
        const judged: string[] = [];
        const first = await call(next.GET, project.slug, user.token, "/next");
        let lease = first.status === 200 ? nextItemJson.parse(first.body) : null;
        while (lease) {
          const sent = { item_id: lease.item_id, preference: toItemTerms(randomInt(-3, 4), false), client_id: clientId(), next: true };
          let answer = await call(judgments.POST, project.slug, user.token, "/judgments", sent);
          // Now and then the answer is "lost" and the client sends the same body again.
          if (randomInt(5) === 0) {
            const retry = await call(judgments.POST, project.slug, user.token, "/judgments", sent);
            expect(retry.status).toBe(200);
            expect(storedJudgmentJson.parse(retry.body).next?.item_id ?? null).toBe(storedJudgmentJson.parse(answer.body).next?.item_id ?? null);
            answer = retry;
          } else expect(answer.status).toBe(201);
          judged.push(lease.item_id);
          lease = storedJudgmentJson.parse(answer.body).next ?? null;
        }
        return judged;
      }),
    );
    for (const judged of perAnnotator) expect(new Set(judged).size).toBe(judged.length);
    expect(perAnnotator.flat()).toHaveLength(90);
    const stored = await db.judgment.findMany({ where: { item: { projectId: project.id } }, select: { itemId: true, userId: true } });
    expect(stored).toHaveLength(90);
    const perItem = new Map<string, number>();
    for (const j of stored) perItem.set(j.itemId, (perItem.get(j.itemId) ?? 0) + 1);
    expect(items.map((item) => perItem.get(item.id))).toEqual(items.map(() => 3));
    const counters = await db.item.findMany({ where: { projectId: project.id }, select: { judgmentCount: true, activeLeases: true } });
    expect(counters.every((c) => c.judgmentCount === 3 && c.activeLeases === 0)).toBe(true);
    expect(await db.assignment.count({ where: { item: { projectId: project.id }, open: true } })).toBe(0);
  });
});


