import { beforeAll, describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { exportProject } from "./export-project";
import { db } from "@/lib/db";
import { readEncodedGroups, readItemGroups, readPreferenceGroups, readSummaryGroups, readVoteGroups, sliceItemIds, type ReadGroupsOptions } from "./read-item-groups";
import { collectLines, parseLines, seedItem, seedJudgment, seedProject, seedUsers } from "./test-fixtures";
import type { RawLine } from "./format-raw";
import type { ExportFilters } from "./types";

/**
 * A date-bounded walk reads only the items its range touches (sliceItemIds in
 * read-item-groups.ts); these tests hold it to the walk over every item that
 * it replaces (sliceMaxJudgments: 0), batch boundaries and byte bounds included.
 */
withTestDb();

let projectId: string;
const hour = (h: number, minute = 0) => new Date(Date.UTC(2026, 1, 1, h, minute));

beforeAll(async () => {
  const project = await seedProject({ scale: 3 });
  projectId = project.id;
  const other = await seedProject({ scale: 3 });
  const users = await seedUsers(4);
  for (let i = 0; i < 30; i++) {
    const item = await seedItem(project.id, { externalId: `s-${String(i).padStart(2, "0")}`, goldPreference: i % 11 === 3 ? -1 : null, responseA: "a".repeat(40 + i * 7) });
    // Every seventh item is unjudged; the others' judgments spread over hours 0 to 5, some items straddling a range's edge.
    if (i % 7 === 6) continue;
    for (let u = 0; u < 1 + (i % 4); u++) {
      await seedJudgment(item.id, users[u]!.id, { preference: ((i * 3 + u) % 7) - 3, createdAt: hour((i + u * 2) % 6, (i * 13 + u) % 60), flags: (i + u) % 5 === 0 ? ["both_bad"] : [] });
    }
  }
  // Another project judged in the same hours: never read.
  const foreign = await seedItem(other.id, { externalId: "s-00" });
  await seedJudgment(foreign.id, users[0]!.id, { preference: 3, createdAt: hour(1, 30) });
});

const ranges: ExportFilters[] = [
  { from: hour(1), to: hour(2) },
  { from: hour(2, 30), to: hour(4) },
  { from: hour(4) },
  { to: hour(1, 15) },
  { from: hour(3), to: hour(3, 1) },
  { from: hour(1), to: hour(3), minJudgments: 2, excludeGold: true },
  { from: hour(9) },
];

async function all<T>(walk: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const batch of walk) out.push(...batch);
  return out;
}

describe("a date-bounded walk", () => {
  it("visits only the items with a judgment in the range, in id order; none past the cap", async () => {
    const filters = { from: hour(1), to: hour(2) };
    const judged = await db.judgment.findMany({
      where: { item: { projectId }, createdAt: { gte: filters.from, lt: filters.to } },
      select: { itemId: true },
      distinct: ["itemId"],
      orderBy: { itemId: "asc" },
    });
    const ids = await sliceItemIds(projectId, filters);
    expect(ids).toEqual(judged.map((j) => j.itemId));
    expect(ids!.length).toBeGreaterThan(2);
    expect(ids!.length).toBeLessThan(25);
    const judgments = await db.judgment.count({ where: { item: { projectId }, createdAt: { gte: filters.from, lt: filters.to } } });
    expect(await sliceItemIds(projectId, filters, judgments)).toEqual(ids);
    expect(await sliceItemIds(projectId, filters, judgments - 1)).toBeNull();
    expect(await sliceItemIds(projectId, {})).toBeNull();
    expect(await sliceItemIds(projectId, { from: hour(9) })).toEqual([]);
  });

  const walks = { readItemGroups, readEncodedGroups, readSummaryGroups, readPreferenceGroups, readVoteGroups } as const;
  for (const [name, walk] of Object.entries(walks) as [string, (opts: ReadGroupsOptions) => AsyncIterable<unknown[]>][]) {
    it(`${name}: the same groups as the walk over every item, across batch and byte bounds`, async () => {
      for (const filters of ranges) {
        const expected = await all(walk({ projectId, filters, sliceMaxJudgments: 0 }));
        for (const options of [{}, { batchSize: 1 }, { batchSize: 2 }, { batchSize: 5 }, { batchBytes: 300 }, { batchSize: 4, batchBytes: 600 }, { sliceMaxJudgments: 3 }]) {
          expect(await all(walk({ projectId, filters, ...options }))).toEqual(expected);
        }
      }
    });
  }

  it("writes the same raw lines as the unbounded export filtered by created_at", async () => {
    const every = parseLines<RawLine>(await collectLines(exportProject({ projectId, format: "raw" })));
    for (const filters of ranges.filter((f) => !f.minJudgments)) {
      const inRange = every.filter((l) => (!filters.from || l.created_at >= filters.from.toISOString()) && (!filters.to || l.created_at < filters.to.toISOString()));
      const lines = parseLines<RawLine>(await collectLines(exportProject({ projectId, format: "raw", filters, batchSize: 3 })));
      expect(lines).toEqual(inRange);
    }
    expect(parseLines<RawLine>(await collectLines(exportProject({ projectId, format: "raw", filters: { from: hour(1), to: hour(2) } }))).length).toBeGreaterThan(0);
  });
});
