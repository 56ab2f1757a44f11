import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { withTestDb } from "@/test/db";
import { leaseNextItem } from "@/lib/assignment/lease-next-item";
import { createProject, createUser } from "@/lib/assignment/test-fixtures";
import { submitJudgment } from "@/lib/judgments/submit-judgment";
import { submitJudgmentInput } from "@/lib/validations/judgment";
import { exportProject, countExportLines } from "@/lib/export/export-project";
import { collectLines } from "@/lib/export/test-fixtures";
import type { RawLine } from "@/lib/export/format-raw";
import type { RankingLine } from "@/lib/export/format-ranking";
import type { TrlLine } from "@/lib/export/format-trl";
import { createRankingItems } from "./test-fixtures";

withTestDb();

let n = 0;
async function rank(projectId: string, project: Awaited<ReturnType<typeof createProject>>, ranking: number[][]) {
  const user = await createUser();
  const lease = (await leaseNextItem({ userId: user.id, projectId }))!;
  await submitJudgment({ userId: user.id, project, input: submitJudgmentInput.parse({ item_id: lease.externalId, ranking, client_id: `export-client-${n++}` }) });
  return { user, lease };
}

describe("exporting ranking judgments", () => {
  it("round-trips a ranking (ranking format), and raw holds its six implied pairs in item terms", async () => {
    const project = await createProject({ overlap: 3, scale: 3 });
    await createRankingItems(project.id, 1, 4);
    const { lease } = await rank(project.id, project, [[2], [0, 3], [1]]);

    const ranking = (await collectLines(exportProject({ projectId: project.id, format: "ranking" }))).map((l) => JSON.parse(l) as RankingLine);
    expect(ranking).toHaveLength(1);
    expect(ranking[0]).toMatchObject({
      item_id: "r-001",
      prompt: "Rank 1",
      responses: [0, 1, 2, 3].map((j) => ({ text: `r1 answer ${j}`, model: `m-${j}` })),
      ranking: [[2], [0, 3], [1]],
      shown_order: lease.displayOrder,
    });
    expect(Object.keys(ranking[0]!)).toEqual(["item_id", "annotator", "prompt", "responses", "ranking", "shown_order", "rationale", "flags", "duration_ms", "guidelines_version", "created_at", "metadata"]);

    const raw = (await collectLines(exportProject({ projectId: project.id, format: "raw" }))).map((l) => JSON.parse(l) as RawLine);
    expect(raw.map((l) => [l.pair, l.response_a, l.response_b, l.model_a, l.model_b, l.preference, l.shown_swapped])).toEqual([
      [[0, 1], "r1 answer 0", "r1 answer 1", "m-0", "m-1", -1, null],
      [[0, 2], "r1 answer 0", "r1 answer 2", "m-0", "m-2", 1, null],
      [[0, 3], "r1 answer 0", "r1 answer 3", "m-0", "m-3", 0, null],
      [[1, 2], "r1 answer 1", "r1 answer 2", "m-1", "m-2", 2, null],
      [[1, 3], "r1 answer 1", "r1 answer 3", "m-1", "m-3", 1, null],
      [[2, 3], "r1 answer 2", "r1 answer 3", "m-2", "m-3", -1, null],
    ]);
    expect(raw.every((l) => l.item_id === "r-001" && JSON.stringify(l.ranking) === "[[2],[0,3],[1]]")).toBe(true);
    expect(await countExportLines({ projectId: project.id, format: "raw" })).toBe(6);
    expect(await countExportLines({ projectId: project.id, format: "ranking" })).toBe(1);
  });

  it("writes trl and hh lines per implied pair, margins from the rank difference, ties dropped", async () => {
    const project = await createProject({ overlap: 3, scale: 3 });
    await createRankingItems(project.id, 1, 3);
    await rank(project.id, project, [[1], [0], [2]]);
    await rank(project.id, project, [[1], [2], [0]]);
    const trl = (await collectLines(exportProject({ projectId: project.id, format: "trl" }))).map((l) => JSON.parse(l) as TrlLine);
    const ranked = trl.filter((l) => l.item_id === "r-001");
    // Tiers: first 1,0,2 → response 0 in tier 1, 1 in tier 0, 2 in tier 2; second: 0 in tier 2, 1 in tier 0, 2 in tier 1.
    // (0,1): +1 and +2 → mean 1.5, B (response 1) chosen; (0,2): −1 and +1 → a tie, dropped; (1,2): −2 and −1 → A (response 1), margin 1.5.
    expect(ranked.map((l) => [l.pair, l.chosen, l.rejected, l.margin])).toEqual([
      [[0, 1], "r1 answer 1", "r1 answer 0", 1.5],
      [[1, 2], "r1 answer 1", "r1 answer 2", 1.5],
    ]);
    const hh = await collectLines(exportProject({ projectId: project.id, format: "hh" }));
    expect(hh.filter((l) => l.includes("r1 answer"))).toHaveLength(2);
  });

  it("refuses pair-consensus filters for the ranking format", async () => {
    const project = await createProject();
    await expect(collectLines(exportProject({ projectId: project.id, format: "ranking", filters: { ties: "keep" } }))).rejects.toThrow(
      "format=ranking takes min_judgments, exclude_gold, from and to only (not ties)",
    );
    expect(await db.judgment.count({ where: { item: { projectId: project.id } } })).toBe(0);
  });
});
