import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { importItems } from "@/lib/import/import-items";
import { fileSource } from "@/lib/import/sources";
import { seedItem, seedJudgment, seedProject, seedUsers } from "@/lib/export/test-fixtures";
import { createSeededRng } from "./bradley-terry";
import { getProjectLeaderboard } from "./project-leaderboard";

withTestDb();
let users: Awaited<ReturnType<typeof seedUsers>>;
beforeAll(async () => {
  users = await seedUsers(3);
});

/** One item per game: `winner` is the side that wins (or "tie"), judged by `judges` annotators. */
async function game(projectId: string, id: string, modelA: string | null, modelB: string | null, winner: "A" | "B" | "tie", judges = 1) {
  const item = await seedItem(projectId, { externalId: id, modelA, modelB });
  for (let k = 0; k < judges; k++) await seedJudgment(item.id, users[k]!.id, { preference: winner === "A" ? -2 : winner === "B" ? 1 : 0 });
}

describe("getProjectLeaderboard", () => {
  it("ranks a model that always wins first, counting comparisons per model and per pair", async () => {
    const { id } = await seedProject();
    for (let i = 0; i < 6; i++) await game(id, `c-${i}`, "champ", "mid", "A");
    for (let i = 0; i < 6; i++) await game(id, `d-${i}`, "low", "champ", "B");
    for (let i = 0; i < 4; i++) await game(id, `e-${i}`, "mid", "low", i < 3 ? "A" : "tie", 2);
    // Rank nothing: no model names, or a model against itself.
    await game(id, "f-0", null, "champ", "A");
    await game(id, "f-1", "mid", "mid", "B");

    const board = await getProjectLeaderboard({ projectId: id, bootstrap: 100 });
    expect(board.models.map((m) => m.model)).toEqual(["champ", "mid", "low"]);
    expect(board.models[0]).toMatchObject({ comparisons: 12, wins: 12, losses: 0, ties: 0 });
    expect(board.models[1]).toMatchObject({ comparisons: 14, wins: 6, losses: 6, ties: 2 });
    for (const m of board.models) {
      expect(Number.isFinite(m.score)).toBe(true);
      expect(m.ci_low!).toBeLessThanOrEqual(m.score);
      expect(m.ci_high!).toBeGreaterThanOrEqual(m.score);
    }
    expect(board.comparisons_total).toBe(20);
    expect(board.judgments_without_models).toBe(2);
    expect(board.bootstrap).toBe(100);
    // A tie is half a win: mid beat low 6 times and tied twice in 8 comparisons.
    expect(board.win_rate.mid!.low).toBe(7 / 8);
    expect(board.win_rate.champ!.mid).toBe(1);
    expect(board.pairs).toEqual([
      { a: "low", b: "mid", comparisons: 8, a_wins: 0, b_wins: 6, ties: 2 },
      { a: "champ", b: "low", comparisons: 6, a_wins: 6, b_wins: 0, ties: 0 },
      { a: "champ", b: "mid", comparisons: 6, a_wins: 6, b_wins: 0, ties: 0 },
    ]);
    // Same data, same intervals.
    expect(await getProjectLeaderboard({ projectId: id, bootstrap: 100 })).toEqual(board);
  });

  it("is empty, not an error, for a project without judgments", async () => {
    const { id } = await seedProject();
    expect(await getProjectLeaderboard({ projectId: id })).toMatchObject({ models: [], pairs: [], comparisons_total: 0, judgments_without_models: 0, win_rate: {} });
  });

  it("ranks the demo project's four models", async () => {
    const { id } = await seedProject({ slug: "demo-board" });
    const report = await importItems({ projectId: id, scale: 3, format: "jsonl", onError: "abort", source: () => fileSource(path.resolve("prisma/demo/items.jsonl")) });
    expect(report.errors).toEqual([]);
    // Annotators prefer the larger model, mostly: a seeded 80/20 split per judgment.
    const size: Record<string, number> = { "atlas-7b": 7, "borealis-13b": 13, "dune-8x7b": 40, "cirrus-70b": 70 };
    const rng = createSeededRng(7);
    const items = await db.item.findMany({ where: { projectId: id }, select: { id: true, modelA: true, modelB: true } });
    expect(items).toHaveLength(48);
    for (const item of items) {
      const aBigger = size[item.modelA!]! > size[item.modelB!]!;
      for (const user of users) {
        const agrees = rng() < 0.8;
        await seedJudgment(item.id, user.id, { preference: aBigger === agrees ? -2 : 2 });
      }
    }
    const board = await getProjectLeaderboard({ projectId: id });
    expect(board.models.map((m) => m.model)).toEqual(["cirrus-70b", "dune-8x7b", "borealis-13b", "atlas-7b"]);
    // The demo's three gold items are checks, not comparisons: 45 items × 3 judgments.
    expect(board.comparisons_total).toBe(135);
    expect(board.pairs).toHaveLength(6);
    expect(board.pairs.reduce((n, p) => n + p.comparisons, 0)).toBe(135);
    expect(board.models.every((m) => m.ci_low !== null && m.ci_high !== null)).toBe(true);
  });
});
