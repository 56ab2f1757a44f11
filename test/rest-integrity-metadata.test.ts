import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import { db } from "@/lib/db";
import { leaseNextItem } from "@/lib/assignment/lease-next-item";
import { createItems } from "@/lib/assignment/test-fixtures";
import { apiRequest, routeContext, unique, userWithToken } from "@/test/api-fixtures";
import * as judgments from "@/app/api/v1/projects/[slug]/judgments/route";

vi.mock("next/headers", async (importOriginal) => ({ ...(await importOriginal<object>()), headers: async () => new Headers() }));

/** POST /judgments with integrity signals (docs/formats.md, "Integrity signals"): stored with their flags, refused when bad, optional. */
let t: TestDb;
let user: { id: string; token: string };
let slug: string;
let projectId: string;

beforeAll(async () => {
  t = await createTestDb();
  user = await userWithToken("integrity-annotator");
  slug = `in-${unique()}`;
  projectId = (await db.project.create({ data: { slug, name: "Integrity", status: "ACTIVE", overlap: 1, scale: 3 } })).id;
  await createItems(projectId, 3);
  await db.membership.create({ data: { userId: user.id, projectId } });
});
afterAll(async () => {
  await t.cleanup();
});

const post = (body: unknown) => judgments.POST(apiRequest(`/projects/${slug}/judgments`, { method: "POST", token: user.token, body }), routeContext({ slug }));
const body = (itemId: string, extra: object = {}) => ({ item_id: itemId, preference: 1, client_id: `c-${unique()}${unique()}`, duration_ms: 20_000, ...extra });

describe("POST /judgments with integrity metadata", () => {
  it("answers 422 naming the field for a bad signal or an unknown key, and stores nothing", async () => {
    const item = (await leaseNextItem({ userId: user.id, projectId }))!.externalId;
    for (const [metadata, message] of [
      [{ hidden_ms: -5 }, "metadata.hidden_ms: must not be negative"],
      [{ choice_input: "mind" }, 'metadata.choice_input: must be "key", "pointer" or "touch"'],
      [{ keystrokes: 3 }, "keystrokes"],
    ] as const) {
      const response = await post(body(item, { metadata }));
      expect(response.status).toBe(422);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain(message);
    }
    expect(await db.judgment.count({ where: { userId: user.id } })).toBe(0);
  });

  it("stores the signals with their flags, and a body without them still gets the reading-speed check", async () => {
    const first = (await leaseNextItem({ userId: user.id, projectId }))!.externalId;
    const signals = { hidden_ms: 15_000, pastes: 0, pasted_chars: 0, choice_input: "key", choice_changes: 0 };
    expect((await post(body(first, { metadata: signals }))).status).toBe(201);
    const second = (await leaseNextItem({ userId: user.id, projectId }))!.externalId;
    expect((await post(body(second))).status).toBe(201);
    const stored = await db.judgment.findMany({ where: { userId: user.id }, select: { metadata: true, item: { select: { externalId: true } } } });
    const chars = (id: string) => `Prompt ${id.slice(-1)}`.length + 4;
    expect(Object.fromEntries(stored.map((j) => [j.item.externalId, j.metadata]))).toEqual({
      [first]: { signals: { ...signals, chars: chars(first) }, flags: ["tab_hidden"] },
      [second]: { signals: { chars: chars(second) }, flags: [] },
    });
  });
});
