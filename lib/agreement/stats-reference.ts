import { expect } from "vitest";
import { db } from "@/lib/db";
import { readItemGroups } from "@/lib/export/read-item-groups";
import { getPseudonymKey, pseudonymizer } from "@/lib/export/pseudonym";
import { getProjectLeaderboard, leaderboardFromCounts } from "@/lib/ranking/project-leaderboard";
import { computeAgreementFromTable } from "./compute-agreement";
import { agreementIntervals } from "./agreement-intervals";
import { getProjectAgreement } from "./project-agreement";
import { readProjectJudgmentTable } from "./project-judgment-table";
import { hasAgreementStatDifferences, verifyAgreementStats } from "./verify-agreement-stats";

/**
 * Test helpers: the full computations the kept statistics must equal
 * (lib/agreement/agreement-stats.test.ts, lib/ranking-items/ranking-stats.test.ts).
 */

/** Numbers equal within 1e-9 (relative for large ones), everything else exactly. */
export function expectClose(actual: unknown, expected: unknown, path = "$"): void {
  if (typeof expected === "number" && typeof actual === "number") {
    if (Number.isNaN(expected)) return expect(actual, path).toBeNaN();
    expect(Math.abs(actual - expected), `${path}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
    return;
  }
  if (expected && typeof expected === "object" && actual && typeof actual === "object") {
    expect(Object.keys(actual).sort(), path).toEqual(Object.keys(expected).sort());
    for (const key of Object.keys(expected)) expectClose((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${path}.${key}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}

/**
 * The full computation, kept as the reference: every judgment read (rankings as their implied pairs), deduplicated and measured.
 * @internal caller has checked access (tests and the verifier)
 */
export async function fullAgreement(projectId: string, scale: number) {
  const label = pseudonymizer(await getPseudonymKey(projectId));
  const { table } = await readProjectJudgmentTable({ projectId, label });
  return { table, agreement: computeAgreementFromTable(table, { scale }) };
}

/**
 * The leaderboard's counts from the export's walk (every unit with its two
 * models: a ranking item's implied pair names the models of its responses a and b).
 * @internal caller has checked access (tests and the verifier)
 */
export async function fullLeaderboardRows(projectId: string) {
  const counts = new Map<string, { modelA: string | null; modelB: string | null; outcome: number; n: number }>();
  for await (const batch of readItemGroups({ projectId, filters: { excludeGold: true } })) {
    for (const { item, judgments } of batch) {
      for (const j of judgments) {
        if (j.preference === null || j.preference === undefined) continue;
        const outcome = Math.sign(j.preference);
        const key = JSON.stringify([item.modelA, item.modelB, outcome]);
        const cell = counts.get(key) ?? { modelA: item.modelA, modelB: item.modelB, outcome, n: 0 };
        cell.n++;
        counts.set(key, cell);
      }
    }
  }
  // Sorted by the database, as the kept counts are read, so both sides feed the fit in one order.
  const cells = [...counts.values()];
  return db.$queryRawUnsafe<{ modelA: string | null; modelB: string | null; outcome: number; n: number }[]>(
    `SELECT "modelA", "modelB", "outcome", "n" FROM unnest($1::text[], $2::text[], $3::int[], $4::int[]) AS t("modelA", "modelB", "outcome", "n") ORDER BY 1, 2, 3`,
    cells.map((c) => c.modelA),
    cells.map((c) => c.modelB),
    cells.map((c) => c.outcome),
    cells.map((c) => c.n),
  );
}

/** The kept statistics equal the full computation: table by table, every agreement figure, the leaderboard. */
export async function expectStatsMatchFullComputation(project: { id: string; scale: number }) {
  const report = await verifyAgreementStats({ projectId: project.id });
  expect(report.differences).toEqual([]);
  expect(hasAgreementStatDifferences(report)).toBe(false);

  const { table, agreement } = await fullAgreement(project.id, project.scale);
  const kept = await getProjectAgreement({ projectId: project.id, intervals: true });
  expectClose(kept.agreement, agreement);
  const reference = agreementIntervals(table);
  expect(kept.intervals.items_by_judgments).toEqual(reference.items_by_judgments);
  expect(kept.intervals.rounds).toBe(reference.rounds);

  const board = await getProjectLeaderboard({ projectId: project.id });
  expectClose(board, leaderboardFromCounts(await fullLeaderboardRows(project.id)));
  return { agreement, board };
}
