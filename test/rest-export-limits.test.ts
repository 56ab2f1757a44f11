import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import { db } from "@/lib/db";
import { leaseNextItem } from "@/lib/assignment/lease-next-item";
import { submitJudgment } from "@/lib/judgments/submit-judgment";
import { createItems, judgmentInput } from "@/lib/assignment/test-fixtures";
import { apiRequest, routeContext, unique, userWithToken } from "@/test/api-fixtures";
import { GET as exportRoute } from "@/app/api/v1/projects/[slug]/export/route";

vi.mock("next/headers", async (importOriginal) => ({ ...(await importOriginal<object>()), headers: async () => new Headers() }));

/**
 * Issue 8 item 14: a user runs at most two exports at once. A third is a 429
 * that says why; a finished or abandoned stream frees its slot at once.
 */
let t: TestDb;
let lead: { id: string; token: string };
let slug: string;

beforeAll(async () => {
  t = await createTestDb();
  lead = await userWithToken("export-lead", "LEAD");
  const annotator = await userWithToken("export-annotator");
  slug = `ex-${unique()}`;
  const project = await db.project.create({ data: { slug, name: "Export limits", status: "ACTIVE", overlap: 1, scale: 3 } });
  await createItems(project.id, 6);
  // Long responses: each export is several 64 kB chunks, so an unread stream stays open (as a paused download does).
  await db.item.updateMany({ where: { projectId: project.id }, data: { responseA: "a".repeat(40_000), responseB: "b".repeat(40_000) } });
  await db.membership.createMany({ data: [{ userId: lead.id, projectId: project.id, role: "LEAD" }, { userId: annotator.id, projectId: project.id }] });
  for (let i = 0; i < 6; i++) {
    const lease = (await leaseNextItem({ userId: annotator.id, projectId: project.id }))!;
    await submitJudgment({ userId: annotator.id, project, input: judgmentInput(lease.externalId, 1) });
  }
});
afterAll(async () => {
  await t.cleanup();
});

const start = (query = "format=raw") => exportRoute(apiRequest(`/projects/${slug}/export?${query}`, { token: lead.token }), routeContext({ slug }));
const running = () => db.exportSlot.count({ where: { userId: lead.id } });

describe("concurrent exports per user", () => {
  it("a third concurrent export is a 429; one that finishes or is cancelled makes room for a new one", async () => {
    const first = await start();
    const second = await start("format=trl");
    expect([first.status, second.status]).toEqual([200, 200]);
    const third = await start();
    expect(third.status).toBe(429);
    expect(await third.json()).toMatchObject({ error: { code: "rate_limited", message: expect.stringMatching(/2 exports running.*Wait for one to finish/) } });

    // The first is read to its end: its slot is free, so a new export starts.
    expect((await first.text()).trim().split("\n")).toHaveLength(6);
    await expect.poll(running).toBe(1);
    const fourth = await start();
    expect(fourth.status).toBe(200);
    expect((await start()).status).toBe(429);

    // A client that goes away (its stream cancelled) frees its slot too.
    await second.body!.cancel();
    await expect.poll(running).toBe(1);
    const fifth = await start("format=hh");
    expect(fifth.status).toBe(200);
    await Promise.all([fourth.body!.cancel(), fifth.body!.cancel()]);
    await expect.poll(running).toBe(0);
  });

  it("the data card counts while it is built and frees its slot when answered", async () => {
    const card = await start("format=card");
    expect(card.status).toBe(200);
    expect(await running()).toBe(0);
  });
});
