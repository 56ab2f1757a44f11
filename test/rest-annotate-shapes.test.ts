import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { z } from "zod";
import { createTestDb, type TestDb } from "@/test/db";
import { unique } from "@/test/api-fixtures";
import { seedAnnotatorProject } from "@/test/annotator-project";
import { judgedPairJson, nextItemJson, ownJudgmentJson, skippedJson, storedJudgmentJson, updatedJudgmentJson } from "@/lib/validations/annotate-response";
import { errorResponseJson } from "@/lib/validations/error-response";
import type { JudgmentBody } from "@/lib/validations/judgment";
import * as next from "@/app/api/v1/projects/[slug]/next/route";
import * as judgments from "@/app/api/v1/projects/[slug]/judgments/route";
import * as judgment from "@/app/api/v1/projects/[slug]/judgments/[itemId]/route";
import * as mine from "@/app/api/v1/projects/[slug]/judgments/mine/route";
import * as skips from "@/app/api/v1/projects/[slug]/skips/route";
import { verifyAgreementStats } from "@/lib/agreement/verify-agreement-stats";
import { db } from "@/lib/db";

// A request from a script has no Origin or cookie; the wrapper only looks for them without a bearer token.
vi.mock("next/headers", async (importOriginal) => ({ ...(await importOriginal<object>()), headers: async () => new Headers() }));
vi.mock("next-auth", async (importOriginal) => ({ ...(await importOriginal<object>()), getServerSession: async () => null }));

/**
 * The annotation routes' real answers parse with the schemas the screen and
 * the OpenAPI document take their types from (lib/validations/annotate-response.ts),
 * strictly: a field the route adds or renames without the schema fails here.
 */
let t: TestDb;
let call: Awaited<ReturnType<typeof seedAnnotatorProject>>["call"];

beforeAll(async () => {
  t = await createTestDb();
  ({ call } = await seedAnnotatorProject({
    annotatorName: "shapes",
    slugPrefix: "shapes",
    project: { name: "Shapes" },
    items: [
      { externalId: "chat-1", prompt: [{ role: "system", content: "Be brief." }, { role: "user", content: "**Hi**" }], responseA: "Hello.", responseB: "`hi`" },
      { externalId: "text-1", prompt: "Say hi", responseA: "Hi", responseB: "Hey" },
    ],
  }));
});
afterAll(async () => {
  await t?.cleanup();
});

/** Parses, and checks nothing was dropped: zod strips unknown keys, so an undocumented field shows as a difference. */
function parseStrictly<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.parse(value);
  expect(parsed).toEqual(value);
  return parsed;
}

describe("annotation answers match their schemas", () => {
  it("judgments/mine before any judgment: 204, no body", async () => {
    expect(await call(mine.GET, "/judgments/mine")).toEqual({ status: 204, body: null });
  });

  it("next, plain and with the rendered view", async () => {
    const plain = await call(next.GET, "/next");
    expect(plain.status).toBe(200);
    const item = parseStrictly(nextItemJson, plain.body);
    expect(item.view).toBeUndefined();

    const withView = await call(next.GET, `/next?view=annotate&exclude=${item.item_id}`);
    expect(withView.status).toBe(200);
    const other = parseStrictly(nextItemJson, withView.body);
    expect(other.item_id).not.toBe(item.item_id);
    expect(other.view).toMatchObject({ item_id: other.item_id, lease_expires_at: other.lease_expires_at });
    const chat = [item, other].find((entry) => entry.item_id === "chat-1")!;
    expect(chat.prompt).toEqual([{ role: "system", content: "Be brief." }, { role: "user", content: "**Hi**" }]);
  });

  it("a judgment as the screen sends it, then judgments/mine, the PATCH of Undo and a skip", async () => {
    const body: JudgmentBody = { item_id: "chat-1", preference: -2, rationale: "shorter", attributes: {}, flags: ["both_bad"], client_id: `c-${unique()}`, duration_ms: 1200 };
    const stored = await call(judgments.POST, "/judgments", { method: "POST", body });
    expect(stored.status).toBe(201);
    expect(parseStrictly(storedJudgmentJson, stored.body).judgment).toMatchObject({ item_id: "chat-1", preference: -2, choice: "A", client_id: body.client_id });

    const last = await call(mine.GET, "/judgments/mine");
    expect(last.status).toBe(200);
    const pair = parseStrictly(judgedPairJson, last.body);
    expect(pair.values).toEqual({ preference: -2, flags: ["both_bad"], rationale: "shorter", attributes: {}, client_id: body.client_id });
    expect(pair.view.prompt_turns.map((turn) => turn.role)).toEqual(["system", "user"]);
    expect(pair.view.lease_expires_at).toBeNull();

    // Read back: the texts as stored, no HTML unless asked with ?view=annotate.
    const one = await call(judgment.GET, "/judgments/chat-1", { params: { itemId: "chat-1" } });
    const raw = parseStrictly(ownJudgmentJson, one.body);
    expect(raw).toMatchObject({ item_id: "chat-1", values: pair.values, shown_swapped: pair.view.swapped });
    expect(Array.isArray(raw.prompt)).toBe(true);
    expect(raw.view).toBeUndefined();
    expect(JSON.stringify(raw)).not.toMatch(/<p>|&lt;/);
    const rendered = await call(judgment.GET, "/judgments/chat-1?view=annotate", { params: { itemId: "chat-1" } });
    expect(parseStrictly(ownJudgmentJson, rendered.body).view).toEqual(pair.view);

    const changed = await call(judgment.PATCH, "/judgments/chat-1", { method: "PATCH", body: { ...body, preference: 1 }, params: { itemId: "chat-1" } });
    expect(changed.status).toBe(200);
    expect(parseStrictly(updatedJudgmentJson, changed.body).judgment).toMatchObject({ item_id: "chat-1", preference: 1 });

    const skipped = await call(skips.POST, "/skips", { method: "POST", body: { item_id: "text-1", reason: "unclear" } });
    expect(skipped.status).toBe(201);
    expect(parseStrictly(skippedJson, skipped.body)).toEqual({ skipped: "text-1" });
  });

  it("a ranking: judgments/mine reopens it in the order it was ranked in, and its PATCH moves the kept statistics", async () => {
    const ranks = await seedAnnotatorProject({
      annotatorName: "shapes-rank",
      slugPrefix: "shapes-rank",
      project: { name: "Ranks", scale: 2 },
      items: [{ externalId: "r-1", prompt: "Rank", responseA: "", responseB: "", responses: ["one", "two", "three", "four"].map((text, i) => ({ text, model: `m-${i}` })) }],
    });
    const call = ranks.call;
    const project = await db.project.findUniqueOrThrow({ where: { slug: ranks.slug } });
    const leased = parseStrictly(nextItemJson, (await call(next.GET, "/next")).body);
    expect(leased.kind).toBe("ranking");
    const order = leased.responses!.map((r) => r.index);
    const body: JudgmentBody = { item_id: "r-1", ranking: [[order[0]!], [order[1]!, order[2]!], [order[3]!]], rationale: "", attributes: {}, flags: [], client_id: `c-${unique()}`, duration_ms: 900 };
    expect((await call(judgments.POST, "/judgments", { method: "POST", body })).status).toBe(201);

    const last = await call(mine.GET, "/judgments/mine");
    expect(last.status).toBe(200);
    const judged = parseStrictly(judgedPairJson, last.body);
    expect(judged.kind).toBe("ranking");
    expect(judged.values).toEqual({ ranking: body.ranking, flags: [], rationale: "", attributes: {}, client_id: body.client_id });
    expect(judged.view.responses_html!.map((r) => r.index)).toEqual(order);
    const one = parseStrictly(ownJudgmentJson, (await call(judgment.GET, "/judgments/r-1?view=annotate", { params: { itemId: "r-1" } })).body);
    expect(one).toMatchObject({ item_id: "r-1", shown_order: order, values: judged.values, view: judged.view });
    expect(one.responses!.map((r) => r.text)).toEqual(["one", "two", "three", "four"]);

    const kept = async () =>
      db.$queryRawUnsafe<{ pairA: number; pairB: number; prefs: number[] }[]>(
        `SELECT "pairA"::int AS "pairA", "pairB"::int AS "pairB", "prefs" FROM "ItemLabelStat" WHERE "projectId" = $1 ORDER BY 1, 2`,
        project.id,
      );
    expect(await kept()).toHaveLength(6);
    const reversed = [...body.ranking!].reverse();
    const changed = await call(judgment.PATCH, "/judgments/r-1", { method: "PATCH", body: { ...body, ranking: reversed }, params: { itemId: "r-1" } });
    expect(changed.status).toBe(200);
    expect(parseStrictly(updatedJudgmentJson, changed.body).judgment).toMatchObject({ item_id: "r-1", ranking: reversed });
    // Every implied pair turned round, and nothing else differs from the rows.
    const after = await kept();
    expect(after).toHaveLength(6);
    const tier = new Map(reversed.flatMap((t, position) => t.map((index) => [index, position] as const)));
    for (const unit of after) {
      const diff = tier.get(unit.pairA)! - tier.get(unit.pairB)!;
      expect(unit.prefs).toEqual([Math.sign(diff) * Math.min(Math.abs(diff), 2)]);
    }
    expect((await verifyAgreementStats({ projectId: project.id })).differences).toEqual([]);
  });

  it("errors are the error body", async () => {
    const refused = await call(judgments.POST, "/judgments", { method: "POST", body: { item_id: "text-1", preference: 9, client_id: `c-${unique()}` } });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(parseStrictly(errorResponseJson, refused.body).error.message).not.toBe("");
    const missing = await call(judgment.GET, "/judgments/nope", { params: { itemId: "nope" } });
    expect(missing.status).toBe(404);
    expect(parseStrictly(errorResponseJson, missing.body).error.code).toBe("not_found");
  });
});
