import { db } from "@/lib/db";

/** Ranking items r-001… with `k` responses each ("r1 answer 0"…), created one second apart. */
export async function createRankingItems(projectId: string, count: number, k = 4, extra: { goldRanking?: number[][] } = {}) {
  const start = new Date("2026-01-01T00:00:00Z").getTime();
  await db.item.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      projectId,
      externalId: `r-${String(i + 1).padStart(3, "0")}`,
      prompt: `Rank ${i + 1}`,
      promptText: `Rank ${i + 1}`,
      responseA: "",
      responseB: "",
      responses: Array.from({ length: k }, (_, j) => ({ text: `r${i + 1} answer ${j}`, model: `m-${j}` })),
      ...(extra.goldRanking ? { goldRanking: extra.goldRanking } : {}),
      createdAt: new Date(start + i * 1000),
    })),
  });
  return db.item.findMany({ where: { projectId }, orderBy: { createdAt: "asc" }, select: { id: true, externalId: true } });
}

/** A deterministic random source (an LCG): the same sequence on every run. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
