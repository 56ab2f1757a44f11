import { describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { impliedPairs, type Ranking } from "./ranking";
import { seeded } from "./test-fixtures";

withTestDb();

/** A random ranking of k responses: a shuffled order cut into tiers, ties as often as `tieRate`. */
function randomRanking(k: number, tieRate: number, random: () => number): Ranking {
  const order = Array.from({ length: k }, (_, i) => i);
  for (let i = k - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const tiers: Ranking = [];
  for (const index of order) {
    if (tiers.length && random() < tieRate) tiers[tiers.length - 1]!.push(index);
    else tiers.push([index]);
  }
  // Indices within a tier in any order, as a client may send them.
  return tiers.map((tier) => (random() < 0.5 ? tier : [...tier].reverse()));
}

describe("impliedPairs (TypeScript) and ranking_implied_pairs (SQL) are the same rule", () => {
  it("on random rankings of 3 to 9 responses, with and without ties, at scales 1 to 3", async () => {
    const random = seeded(15);
    const cases: { ranking: Ranking; scale: number }[] = [];
    for (let n = 0; n < 600; n++) {
      const k = 3 + (n % 7);
      const tieRate = [0, 0.2, 0.5, 0.9][Math.floor(random() * 4)]!;
      cases.push({ ranking: randomRanking(k, tieRate, random), scale: 1 + Math.floor(random() * 3) });
    }
    // All tied and all apart, at the largest K.
    cases.push({ ranking: [[0, 1, 2, 3, 4, 5, 6, 7, 8]], scale: 3 }, { ranking: [[8], [7], [6], [5], [4], [3], [2], [1], [0]], scale: 3 });
    const rows = await db.$queryRawUnsafe<{ n: number; pairs: { a: number; b: number; preference: number }[] }[]>(
      `SELECT t.n::int AS n, (SELECT json_agg(json_build_object('a', p."a", 'b', p."b", 'preference', p."preference") ORDER BY p."a", p."b")
                               FROM ranking_implied_pairs(t.ranking, t.scale) p) AS pairs
         FROM unnest($1::jsonb[], $2::int[]) WITH ORDINALITY AS t(ranking, scale, n)
        ORDER BY t.n`,
      cases.map((c) => JSON.stringify(c.ranking)),
      cases.map((c) => c.scale),
    );
    expect(rows).toHaveLength(cases.length);
    const mismatches = cases.filter((c, i) => JSON.stringify(rows[i]!.pairs) !== JSON.stringify(impliedPairs(c.ranking, c.scale)));
    expect(mismatches).toEqual([]);
    // The cases reach every strength the scales allow, ties included.
    const strengths = new Set(rows.flatMap((r) => r.pairs.map((p) => p.preference)));
    expect([...strengths].sort((x, y) => x - y)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    expect(rows.every((r, i) => r.pairs.length === (cases[i]!.ranking.flat().length * (cases[i]!.ranking.flat().length - 1)) / 2)).toBe(true);
  });
});
