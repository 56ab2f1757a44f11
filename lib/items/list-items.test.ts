import { beforeAll, describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createProject } from "@/lib/assignment/test-fixtures";
import { listItems } from "./list-items";
import { listItemsFiltersOf, listItemsQuery } from "@/lib/validations/item-list";

withTestDb();
let projectId: string;
beforeAll(async () => {
  projectId = (await createProject()).id;
  const start = new Date("2026-02-01T00:00:00Z").getTime();
  const rows = [
    { externalId: "rlhf-1", promptText: "Explain RLHF in one paragraph.", modelA: "gpt", modelB: "claude", judgmentCount: 0 },
    { externalId: "rlhf-2", promptText: "What is a REWARD model?", modelA: "claude", modelB: "llama", judgmentCount: 1, goldPreference: -2 },
    { externalId: "cook-1", promptText: "How long to boil an egg? 100% sure", modelA: "gpt", modelB: "llama", judgmentCount: 3 },
    { externalId: "cook-2", promptText: "x".repeat(1000), modelA: null, modelB: null, judgmentCount: 2 },
  ];
  await db.item.createMany({
    data: rows.map((row, i) => ({ ...row, projectId, prompt: row.promptText, responseA: "A", responseB: "B", createdAt: new Date(start + i * 1000) })),
  });
  // Another project's items never show.
  const other = await createProject();
  await db.item.create({ data: { projectId: other.id, externalId: "rlhf-9", prompt: "RLHF", promptText: "RLHF", responseA: "A", responseB: "B" } });
});

const ids = async (options: Omit<Parameters<typeof listItems>[0], "projectId">) => (await listItems({ projectId, ...options })).items.map((i) => i.item_id);

describe("listItems", () => {
  it("lists in import order with a 200-character preview and the table's columns", async () => {
    const page = await listItems({ projectId });
    expect(page.next_cursor).toBeNull();
    expect(page.items.map((i) => i.item_id)).toEqual(["rlhf-1", "rlhf-2", "cook-1", "cook-2"]);
    expect(page.items[1]).toEqual({
      item_id: "rlhf-2",
      prompt_preview: "What is a REWARD model?",
      model_a: "claude",
      model_b: "llama",
      judgments: 1,
      stop_reason: null,
      gold_preference: -2,
      created_at: "2026-02-01T00:00:01.000Z",
    });
    expect(page.items[3]!.prompt_preview).toBe("x".repeat(200));
  });

  it("searches prompt text and ids without regard to case, with % taken literally", async () => {
    expect(await ids({ search: "reward" })).toEqual(["rlhf-2"]);
    expect(await ids({ search: "RLHF" })).toEqual(["rlhf-1", "rlhf-2"]);
    expect(await ids({ search: "COOK-" })).toEqual(["cook-1", "cook-2"]);
    expect(await ids({ search: "100%" })).toEqual(["cook-1"]);
    expect(await ids({ search: "%" })).toEqual(["cook-1"]);
    expect(await ids({ search: "_" })).toEqual([]);
    expect(await ids({ search: "\\" })).toEqual([]);
  });

  it("has trigram indexes the search can use, on both databases (pg_trgm loaded in PGlite too)", async () => {
    const names = await db.$queryRawUnsafe<{ indexname: string }[]>(
      `SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'Item' AND indexdef LIKE '%gin_trgm_ops%' ORDER BY 1`,
    );
    expect(names.map((n) => n.indexname)).toEqual(["Item_externalId_trgm_idx", "Item_promptText_trgm_idx"]);
    // A few items make a sequential scan cheapest: forbid it and plain index scans to see the trigram indexes serve ILIKE.
    const plan = await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      await tx.$executeRawUnsafe("SET LOCAL enable_indexscan = off");
      return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
        `EXPLAIN SELECT "id" FROM "Item" WHERE "promptText" ILIKE $1 OR "externalId" ILIKE $1`,
        "%reward%",
      );
    });
    const text = plan.map((row) => row["QUERY PLAN"]).join("\n");
    expect(text).toContain("Item_promptText_trgm_idx");
    expect(text).toContain("Item_externalId_trgm_idx");
  });

  it("filters by judgment count, gold and model, combined", async () => {
    expect(await ids({ judgments: { min: 1 } })).toEqual(["rlhf-2", "cook-1", "cook-2"]);
    expect(await ids({ judgments: { max: 1 } })).toEqual(["rlhf-1", "rlhf-2"]);
    expect(await ids({ judgments: { min: 2, max: 2 } })).toEqual(["cook-2"]);
    expect(await ids({ gold: true })).toEqual(["rlhf-2"]);
    expect(await ids({ gold: false })).toEqual(["rlhf-1", "cook-1", "cook-2"]);
    expect(await ids({ model: "llama" })).toEqual(["rlhf-2", "cook-1"]);
    expect(await ids({ model: "llama", search: "rlhf", gold: true })).toEqual(["rlhf-2"]);
  });

  it("filters by the stopping rule's state: open, disagreeing, finished, finished early", async () => {
    const adaptive = await createProject({ overlap: 5, overlapMin: 2, overlapMax: 5, stopShare: 0.75 });
    const votes = { u: { votesA: 2 }, s: { votesA: 1, votesB: 1 }, m: { votesA: 3, votesB: 2 }, f: { votesA: 1 }, n: {} } as const;
    for (const [key, v] of Object.entries(votes)) {
      const item = await db.item.create({ data: { projectId: adaptive.id, externalId: key, prompt: key, responseA: "A", responseB: "B" } });
      const n = Object.values(v).reduce((sum: number, x) => sum + (x as number), 0);
      // The Item_stop trigger decides stopReason from the votes.
      await db.item.update({ where: { id: item.id }, data: { ...v, judgmentCount: n } });
    }
    const stateIds = async (state: "open" | "disagreeing" | "finished" | "early") =>
      (await listItems({ projectId: adaptive.id, state })).items.map((i) => `${i.item_id}:${i.stop_reason}`);
    expect(await stateIds("finished")).toEqual(["u:unanimous", "m:max"]);
    expect(await stateIds("early")).toEqual(["u:unanimous"]);
    expect(await stateIds("open")).toEqual(["s:null", "f:null", "n:null"]);
    expect(await stateIds("disagreeing")).toEqual(["s:null"]);
    expect(listItemsQuery.safeParse({ state: "closed" }).success).toBe(false);
  });

  it("filters items someone skipped, or nobody skipped", async () => {
    const user = await db.user.create({ data: { email: `skipper-${Date.now()}@example.com`, name: "skipper" } });
    const item = await db.item.findFirstOrThrow({ where: { projectId, externalId: "cook-1" } });
    await db.skip.create({ data: { itemId: item.id, userId: user.id, reason: "not my language" } });
    expect(await ids({ skipped: true })).toEqual(["cook-1"]);
    expect(await ids({ skipped: false })).toEqual(["rlhf-1", "rlhf-2", "cook-2"]);
    expect(await ids({ skipped: true, gold: true })).toEqual([]);
    // The REST query and the page's search params read it the same way.
    expect(listItemsFiltersOf(listItemsQuery.parse({ skipped: "true" })).skipped).toBe(true);
    expect(listItemsFiltersOf(listItemsQuery.parse({ skipped: "false" })).skipped).toBe(false);
    expect(listItemsQuery.safeParse({ skipped: "maybe" }).success).toBe(false);
    await db.skip.deleteMany({ where: { itemId: item.id } });
  });

  it("pages with a cursor that keeps the filters' order", async () => {
    const first = await listItems({ projectId, limit: 1, model: "gpt" });
    expect(first.items.map((i) => i.item_id)).toEqual(["rlhf-1"]);
    const second = await listItems({ projectId, limit: 1, model: "gpt", cursor: first.next_cursor! });
    expect(second).toMatchObject({ items: [{ item_id: "cook-1" }], next_cursor: null });
  });

  it("refuses a bad cursor, limit or range with 400", async () => {
    for (const options of [{ cursor: "bm9wZQ" }, { limit: 201 }, { limit: 0 }, { judgments: { min: 3, max: 1 } }]) {
      const error = await listItems({ projectId, ...options }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("bad_request");
    }
  });
});
