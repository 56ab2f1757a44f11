import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import { readEncodedGroups, readItemGroups } from "./read-item-groups";
import { seedItem, seedJudgment, seedProject, seedUsers } from "./test-fixtures";

/**
 * Issue 8 item 14: a batch of long items is cut by bytes as well as by count,
 * so an export's memory does not grow with item size; the walk still visits
 * every item once, in order, including after a stretch that the filters skip.
 */
let t: TestDb;
let projectId: string;
beforeAll(async () => {
  t = await createTestDb();
  projectId = (await seedProject()).id;
  const [user] = await seedUsers(1);
  // Eight items of about 2 kB of text each; items 3, 4 and 5 have no judgment (skipped by every export).
  for (let i = 1; i <= 8; i++) {
    const item = await seedItem(projectId, { externalId: `big-${i}`, responseA: "a".repeat(1000), responseB: "b".repeat(1000) });
    if (i < 3 || i > 5) await seedJudgment(item.id, user!.id, { preference: 1 });
  }
});
afterAll(async () => {
  await t.cleanup();
});

async function batches<T extends { externalId: string }>(walk: AsyncGenerator<{ item: T }[]>): Promise<string[][]> {
  const out: string[][] = [];
  for await (const groups of walk) out.push(groups.map((g) => g.item.externalId));
  return out;
}

describe("export batches bounded by bytes", () => {
  it("cuts a batch when its item text would pass the byte budget, however many items the count allows", async () => {
    const sized = await batches(readItemGroups({ projectId, filters: {}, batchSize: 1000, batchBytes: 4500 }));
    // Two items (≈4 kB) per batch; the batch of items 3–4 is empty after filtering and not handed out.
    expect(sized).toEqual([["big-1", "big-2"], ["big-6"], ["big-7", "big-8"]]);
  });

  it("always reads at least one item, even one larger than the budget, and matches the unbounded walk", async () => {
    const one = await batches(readEncodedGroups({ projectId, filters: {}, batchBytes: 10 }));
    expect(one.every((b) => b.length === 1)).toBe(true);
    const unbounded = (await batches(readEncodedGroups({ projectId, filters: {} }))).flat();
    expect(one.flat()).toEqual(unbounded);
    expect(unbounded).toHaveLength(5);
  });
});
