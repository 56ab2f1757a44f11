import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { readRanking, type Ranking } from "@/lib/ranking-items/ranking";
import { rankedResponses } from "@/lib/ranking-items/ranked-responses";
import type { RankedResponse } from "@/lib/validations/item";
import type { ExportFilters, Prompt } from "./types";
import { Prisma } from "@/lib/generated/prisma/client";

/** One judgment of a ranking item, docs/formats.md, "ranking". Keys in this order. */
export type RankingLine = {
  item_id: string;
  annotator: string;
  prompt: Prompt;
  responses: RankedResponse[];
  /** Tiers best first, each a list of 0-based indices into `responses`; a tier of several is a tie. */
  ranking: Ranking;
  /** The order the responses were shown in (display position → index). */
  shown_order: number[];
  rationale: string;
  flags: string[];
  duration_ms: number | null;
  guidelines_version: number;
  created_at: string;
  metadata: unknown;
};

/** The filters that speak of a pair consensus have no meaning for rankings: refused rather than ignored. */
export function assertRankingFilters(filters: ExportFilters): void {
  const pairOnly: [string, unknown][] = [
    ["min_agreement", filters.minAgreement],
    ["ties", filters.ties],
    ["consensus", filters.consensus],
    ["both_bad", filters.bothBad],
    ["prompt_format", filters.promptFormat],
    ["include_reference", filters.includeReference],
    ["source_agreement", filters.sourceAgreement],
  ];
  const given = pairOnly.filter(([, value]) => value !== undefined && value !== false).map(([name]) => name);
  if (given.length > 0) {
    throw new AppError("bad_request", `format=ranking takes min_judgments, exclude_gold, from and to only (not ${given.join(", ")})`);
  }
}

/**
 * Ranking items in id order (keyset pages of `batchSize`), each with its
 * judgments in id order, within the date range and min_judgments: one line
 * per judgment. Pair items are not in this format (raw, trl and hh have them,
 * and the ranking items' implied pairs too).
 *
 * @internal caller has checked access
 */
export async function* rankingLines(options: {
  projectId: string;
  filters: ExportFilters;
  label: (userIds: string[]) => Promise<(userId: string) => string>;
  signal?: AbortSignal;
  batchSize?: number;
}): AsyncGenerator<string, void, undefined> {
  const { projectId, filters, signal } = options;
  const take = options.batchSize ?? 200;
  const createdAt = { ...(filters.from ? { gte: filters.from } : {}), ...(filters.to ? { lt: filters.to } : {}) };
  let cursor: string | undefined;
  for (;;) {
    signal?.throwIfAborted();
    const items = await db.item.findMany({
      where: {
        projectId,
        responses: { not: Prisma.DbNull },
        ...(cursor ? { id: { gt: cursor } } : {}),
        ...(filters.excludeGold ? { goldRanking: { equals: Prisma.DbNull } } : {}),
      },
      orderBy: { id: "asc" },
      take,
      select: {
        id: true,
        externalId: true,
        prompt: true,
        responses: true,
        metadata: true,
        judgments: {
          where: { ranking: { not: Prisma.DbNull }, createdAt },
          orderBy: { id: "asc" },
          select: { userId: true, ranking: true, shownOrder: true, rationale: true, flags: true, durationMs: true, guidelinesVersion: true, createdAt: true },
        },
      },
    });
    if (items.length === 0) return;
    cursor = items[items.length - 1]!.id;
    const kept = items.filter((item) => item.judgments.length > 0 && item.judgments.length >= (filters.minJudgments ?? 1));
    const label = await options.label([...new Set(kept.flatMap((item) => item.judgments.map((j) => j.userId)))]);
    for (const item of kept) {
      const responses = rankedResponses(item.responses) ?? [];
      for (const j of item.judgments) {
        signal?.throwIfAborted();
        const line: RankingLine = {
          item_id: item.externalId,
          annotator: label(j.userId),
          prompt: item.prompt as Prompt,
          responses,
          ranking: readRanking(j.ranking) ?? [],
          shown_order: j.shownOrder,
          rationale: j.rationale,
          flags: j.flags,
          duration_ms: j.durationMs,
          guidelines_version: j.guidelinesVersion,
          created_at: j.createdAt.toISOString(),
          metadata: item.metadata ?? {},
        };
        yield JSON.stringify(line) + "\n";
      }
    }
    if (items.length < take) return;
  }
}
