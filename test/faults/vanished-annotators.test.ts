import { afterEach, describe, expect, it, vi } from "vitest";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { createItems } from "@/lib/assignment/test-fixtures";
import { apiRequest, routeContext, unique, userWithToken } from "@/test/api-fixtures";
import * as next from "@/app/api/v1/projects/[slug]/next/route";
import * as judgments from "@/app/api/v1/projects/[slug]/judgments/route";

/**
 * Fault: annotators take a pair and vanish (closed tab, lost network, went
 * home). Through the REST handlers, with the clock moved past the lease: their
 * slots return to the pool, others finish the items, and a vanished annotator
 * who comes back late still has their judgment kept.
 */
vi.mock("next-auth", async (importOriginal) => ({ ...(await importOriginal<object>()), getServerSession: async () => null }));

withTestDb();
afterEach(() => {
  vi.useRealTimers();
});

type Annotator = Awaited<ReturnType<typeof userWithToken>>;

async function setup(options: { items: number; overlap: number; annotators: number }) {
  const slug = `vanish-${unique()}`;
  const project = await db.project.create({ data: { slug, name: "Vanishing", status: "ACTIVE", overlap: options.overlap, leaseMinutes: 30 } });
  await createItems(project.id, options.items);
  const people: Annotator[] = [];
  for (let i = 0; i < options.annotators; i++) people.push(await userWithToken(`vanish-${i}`));
  await db.membership.createMany({ data: people.map((p) => ({ userId: p.id, projectId: project.id })) });
  return { slug, project, people };
}

async function nextItem(slug: string, who: Annotator): Promise<string | null> {
  const response = await next.GET(apiRequest(`/projects/${slug}/next`, { token: who.token }), routeContext({ slug }));
  if (response.status === 204) return null;
  expect(response.status).toBe(200);
  return ((await response.json()) as { item_id: string }).item_id;
}

async function judge(slug: string, who: Annotator, itemId: string, preference = 1) {
  const body = { item_id: itemId, preference, client_id: `v-${unique()}${unique()}` };
  return judgments.POST(apiRequest(`/projects/${slug}/judgments`, { method: "POST", token: who.token, body }), routeContext({ slug }));
}

const counters = (projectId: string) =>
  db.item.findMany({ where: { projectId }, orderBy: { createdAt: "asc" }, select: { externalId: true, judgmentCount: true, activeLeases: true } });

describe("annotators who vanish", () => {
  it("hold their slots until the lease expires, then the slots go back to the pool", async () => {
    const { slug, project, people } = await setup({ items: 2, overlap: 1, annotators: 3 });
    const [a, b, c] = people as [Annotator, Annotator, Annotator];
    const start = new Date();
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    const heldByA = await nextItem(slug, a);
    const heldByB = await nextItem(slug, b);
    expect(new Set([heldByA, heldByB]).size).toBe(2);
    // A and B vanish. Every slot is held: C gets nothing for 30 minutes.
    expect(await nextItem(slug, c)).toBeNull();
    vi.setSystemTime(new Date(start.getTime() + 29 * 60_000));
    expect(await nextItem(slug, c)).toBeNull();
    // 31 minutes on, the leases have expired: C is handed both, one after the other.
    vi.setSystemTime(new Date(start.getTime() + 31 * 60_000));
    const first = await nextItem(slug, c);
    expect([heldByA, heldByB]).toContain(first);
    expect((await judge(slug, c, first!)).status).toBe(201);
    const second = await nextItem(slug, c);
    expect((await judge(slug, c, second!)).status).toBe(201);
    expect(await nextItem(slug, c)).toBeNull();
    expect(await counters(project.id)).toEqual([
      { externalId: "q-001", judgmentCount: 1, activeLeases: 0 },
      { externalId: "q-002", judgmentCount: 1, activeLeases: 0 },
    ]);
    // A comes back and submits what they had: human work is kept, past the overlap.
    const late = await judge(slug, a, heldByA!, -2);
    expect(late.status).toBe(201);
    expect(await db.judgment.count({ where: { item: { projectId: project.id } } })).toBe(3);
    expect((await counters(project.id)).every((item) => item.activeLeases === 0)).toBe(true);
    expect(await db.assignment.count({ where: { item: { projectId: project.id }, open: true } })).toBe(0);
  });

  it("twenty vanish mid-project; after expiry the rest finish every item with exactly the overlap", async () => {
    const { slug, project, people } = await setup({ items: 15, overlap: 2, annotators: 26 });
    const quitters = people.slice(0, 20);
    const workers = people.slice(20);
    const start = new Date();
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    for (const quitter of quitters) await nextItem(slug, quitter);
    const held = await db.item.aggregate({ where: { projectId: project.id }, _sum: { activeLeases: true } });
    expect(held._sum.activeLeases).toBe(20);
    vi.setSystemTime(new Date(start.getTime() + 45 * 60_000));
    await Promise.all(
      workers.map(async (worker) => {
        for (let item = await nextItem(slug, worker); item; item = await nextItem(slug, worker)) {
          expect((await judge(slug, worker, item)).status).toBe(201);
        }
      }),
    );
    const items = await counters(project.id);
    expect(items.map((item) => [item.judgmentCount, item.activeLeases])).toEqual(items.map(() => [2, 0]));
    const pairs = await db.judgment.findMany({ where: { item: { projectId: project.id } }, select: { itemId: true, userId: true } });
    expect(pairs).toHaveLength(30);
    expect(new Set(pairs.map((p) => `${p.itemId}/${p.userId}`)).size).toBe(30);
  });
});
