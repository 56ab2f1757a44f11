import { sideTallies } from "../bias/position";
import { CHOICE_TIE, type AnnotatorAgreement, type JudgmentTable } from "./types";

/**
 * The choice most of the OTHER annotators on an item made, from their choice
 * counts; -1 when nobody else judged it or the top count is shared. A tie for
 * the top (one A, one B) is no majority to agree with, so such items are left
 * out of majority_agreement rather than counted as disagreement. "Majority"
 * is a plurality here: with three choices a strict half may not exist.
 */
export function uniqueMajority(countA: number, countTie: number, countB: number): number {
  if (countA > countTie && countA > countB) return 0;
  if (countTie > countA && countTie > countB) return 1;
  if (countB > countA && countB > countTie) return 2;
  return -1;
}

function median(sorted: Float64Array): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Per-annotator figures, sorted by annotator. Majority agreement needs other
 * judgments of the same item; the other figures describe the annotator alone,
 * so they use all of their judgments, including items nobody else judged.
 */
export function perAnnotator(table: JudgmentTable): AnnotatorAgreement[] {
  const { itemStart, annotator, choice, preference, durationMs, annotatorIds } = table;
  const m = annotatorIds.length;
  const judgments = new Int32Array(m);
  const ties = new Int32Array(m);
  const prefSum = new Float64Array(m);
  const majorityMatched = new Int32Array(m);
  const majorityCounted = new Int32Array(m);
  const { leftChosen, sideCounted } = sideTallies(table);
  const durations = new Int32Array(m + 1);
  const counts = new Int32Array(3);

  for (let i = 0; i + 1 < itemStart.length; i++) {
    const from = itemStart[i]!;
    const to = itemStart[i + 1]!;
    counts.fill(0);
    for (let k = from; k < to; k++) counts[choice[k]!]!++;
    for (let k = from; k < to; k++) {
      const a = annotator[k]!;
      const c = choice[k]!;
      judgments[a]!++;
      prefSum[a]! += preference[k]!;
      if (!Number.isNaN(durationMs[k]!)) durations[a + 1]!++;
      if (c === CHOICE_TIE) ties[a]!++;
      if (to - from < 2) continue;
      counts[c]!--;
      const majority = uniqueMajority(counts[0]!, counts[1]!, counts[2]!);
      counts[c]!++;
      if (majority < 0) continue;
      majorityCounted[a]!++;
      if (majority === c) majorityMatched[a]!++;
    }
  }

  // Bucket durations by annotator (counting sort), then sort each bucket for its median.
  for (let a = 0; a < m; a++) durations[a + 1]! += durations[a]!;
  const fill = durations.slice(0, m);
  const byAnnotator = new Float64Array(durations[m]!);
  for (let k = 0; k < durationMs.length; k++) {
    if (!Number.isNaN(durationMs[k]!)) byAnnotator[fill[annotator[k]!]!++] = durationMs[k]!;
  }

  const rows: AnnotatorAgreement[] = [];
  for (let a = 0; a < m; a++) {
    const n = judgments[a]!;
    rows.push({
      annotator: annotatorIds[a]!,
      judgments: n,
      majority_agreement: majorityCounted[a] ? majorityMatched[a]! / majorityCounted[a]! : null,
      side_bias: sideCounted[a] ? leftChosen[a]! / sideCounted[a]! : null,
      median_duration_ms: median(byAnnotator.subarray(durations[a]!, durations[a + 1]!).sort()),
      tie_rate: n ? ties[a]! / n : null,
      mean_preference: n ? prefSum[a]! / n : null,
    });
  }
  return rows.sort((x, y) => (x.annotator < y.annotator ? -1 : x.annotator > y.annotator ? 1 : 0));
}
