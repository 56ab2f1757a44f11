import { impliedPairs, type ImpliedPair, type Ranking } from "./ranking";

/**
 * The pair units a ranking item's judgments make for every pair-based reader
 * (exports, agreement, reliability, the data card): one unit per implied pair
 * (a, b), a < b in item indices, holding each judgment's implied preference
 * (docs/formats.md, "Implied pairs"). A pair item is one unit, unchanged.
 * This is the one place the expansion is applied to read judgments; the rule
 * itself is impliedPairs (and the SQL function ranking_implied_pairs).
 */
export type Unit<T> = { pair: [number, number] | null; judgments: T[] };

export function expandUnits<T>(
  judgments: readonly T[],
  rankings: readonly (Ranking | null)[] | null,
  scale: number,
  withPreference: (judgment: T, pair: ImpliedPair, ranking: Ranking) => T,
): Unit<T>[] {
  if (!rankings) return [{ pair: null, judgments: [...judgments] }];
  const implied = rankings.map((ranking) => (ranking ? impliedPairs(ranking, scale) : null));
  const template = implied.find((pairs) => pairs !== null);
  if (!template) return [{ pair: null, judgments: [...judgments] }];
  return template.map(({ a, b }, index) => ({
    pair: [a, b],
    judgments: judgments.flatMap((judgment, n) => {
      const pair = implied[n]?.[index];
      // Every ranking of the item covers the same K indices, so index n's pair is (a, b).
      return pair && pair.a === a && pair.b === b ? [withPreference(judgment, pair, rankings[n]!)] : [];
    }),
  }));
}

/** A unit's id for pair-based figures: the item's id, and for an implied pair its indices ("id#0-2"). */
export function unitId(itemId: string, pair: [number, number] | null): string {
  return pair ? `${itemId}#${pair[0]}-${pair[1]}` : itemId;
}
