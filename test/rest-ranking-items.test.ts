import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import { db } from "@/lib/db";
import { seedAnnotatorProject } from "@/test/annotator-project";
import { nextItemJson, storedJudgmentJson, updatedJudgmentJson } from "@/lib/validations/annotate-response";
import * as next from "@/app/api/v1/projects/[slug]/next/route";
import * as judgments from "@/app/api/v1/projects/[slug]/judgments/route";
import * as judgment from "@/app/api/v1/projects/[slug]/judgments/[itemId]/route";

vi.mock("next/headers", async (importOriginal) => ({ ...(await importOriginal<object>()), headers: async () => new Headers() }));
vi.mock("next-auth", async (importOriginal) => ({ ...(await importOriginal<object>()), getServerSession: async () => null }));

/** The ranking contract over REST: /next gives kind and responses in display order; POST and PATCH take a ranking. */
let t: TestDb;
let annotator: { id: string };
let call: Awaited<ReturnType<typeof seedAnnotatorProject>>["call"];

beforeAll(async () => {
  t = await createTestDb();
  ({ annotator, call } = await seedAnnotatorProject({
    annotatorName: "ranker",
    slugPrefix: "rank",
    project: { name: "Ranking", allowTie: true },
    items: [{ externalId: "r-1", prompt: "Rank", responseA: "", responseB: "", responses: [{ text: "zero" }, { text: "one", model: "m" }, { text: "two" }, { text: "three" }] }],
  }));
});
afterAll(async () => {
  await t?.cleanup();
});

describe("ranking items over REST", () => {
  it("leases, refuses a bad ranking with 422, stores a good one, and changes it by PATCH", async () => {
    const leased = await call(next.GET, "/next?view=annotate");
    expect(leased.status).toBe(200);
    const body = nextItemJson.parse(leased.body);
    expect(body.kind).toBe("ranking");
    const order = body.responses!.map((r) => r.index);
    expect([...order].sort()).toEqual([0, 1, 2, 3]);
    expect(body.view?.responses_html?.map((r) => r.index)).toEqual(order);
    expect(body.responses!.find((r) => r.index === 1)).toEqual({ index: 1, text: "one", model: "m" });

    const missing = await call(judgments.POST, "/judgments", { method: "POST", body: { item_id: "r-1", client_id: "rest-rank-1", ranking: [[0], [1], [2]] } });
    expect(missing.status).toBe(422);
    expect(JSON.stringify(missing.body)).toContain("every response must be ranked: missing 3");
    const both = await call(judgments.POST, "/judgments", { method: "POST", body: { item_id: "r-1", client_id: "rest-rank-2", ranking: [[0], [1], [2], [3]], preference: 1 } });
    expect([400, 422]).toContain(both.status);
    expect(JSON.stringify(both.body)).toContain("not both");

    const stored = await call(judgments.POST, "/judgments", { method: "POST", body: { item_id: "r-1", client_id: "rest-rank-3", ranking: [[3], [0, 1], [2]] } });
    expect(stored.status).toBe(201);
    const parsed = storedJudgmentJson.parse(stored.body);
    expect(parsed.judgment).toMatchObject({ item_id: "r-1", ranking: [[3], [0, 1], [2]] });
    expect(parsed.judgment).not.toHaveProperty("preference");
    const row = await db.judgment.findFirstOrThrow({ where: { userId: annotator.id } });
    expect(row).toMatchObject({ preference: null, ranking: [[3], [0, 1], [2]], shownOrder: order });

    const changed = await call(judgment.PATCH, "/judgments/r-1", { method: "PATCH", body: { ranking: [[0], [1], [2], [3]] }, params: { itemId: "r-1" } });
    expect(changed.status).toBe(200);
    expect(updatedJudgmentJson.parse(changed.body).judgment.ranking).toEqual([[0], [1], [2], [3]]);
  });
});
