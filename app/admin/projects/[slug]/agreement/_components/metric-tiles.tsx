import type { AgreementResult } from "@/lib/agreement/types";
import type { AgreementIntervals, IntervalFigure } from "@/lib/agreement/agreement-intervals";
import { alphaReading, kappaReading, percentReading } from "@/lib/agreement/readings";
import { fixed, percent } from "@/components/analytics/format";

type Tile = { label: string; value: string; reading: string; figure: IntervalFigure; digits: number };

/** The headline figures, each with one sentence saying what it means. */
export function MetricTiles({ agreement, minPairItems, intervals }: { agreement: AgreementResult; minPairItems: number; intervals?: AgreementIntervals }) {
  const countedPairs = agreement.pairs.filter((p) => p.n >= minPairItems && p.cohen_kappa !== null).length;
  const tiles: Tile[] = [
    { label: "Percent agreement", value: percent(agreement.percent_agreement), reading: percentReading(agreement.percent_agreement), figure: "percent_agreement", digits: -1 },
    {
      label: "Mean Cohen's κ",
      value: fixed(agreement.mean_cohen_kappa),
      reading:
        agreement.mean_cohen_kappa === null
          ? `undefined: no two annotators share ${minPairItems} or more items yet`
          : `${kappaReading(agreement.mean_cohen_kappa)}; mean over ${countedPairs} annotator pair${countedPairs === 1 ? "" : "s"} sharing ≥ ${minPairItems} items`,
      figure: "mean_cohen_kappa",
      digits: 2,
    },
    {
      label: "Fleiss' κ",
      value: fixed(agreement.fleiss_kappa),
      reading:
        agreement.fleiss_kappa === null && agreement.items_with_multiple_judgments > 0
          ? "undefined: items have different numbers of judgments (it needs the same number on every item)"
          : kappaReading(agreement.fleiss_kappa),
      figure: "fleiss_kappa",
      digits: 2,
    },
    { label: "Krippendorff's α, nominal (A / tie / B)", value: fixed(agreement.krippendorff_alpha_nominal, 3), reading: alphaReading(agreement.krippendorff_alpha_nominal), figure: "krippendorff_alpha_nominal", digits: 3 },
    { label: "Krippendorff's α, ordinal (strength)", value: fixed(agreement.krippendorff_alpha_ordinal, 3), reading: alphaReading(agreement.krippendorff_alpha_ordinal), figure: "krippendorff_alpha_ordinal", digits: 3 },
    { label: "Krippendorff's α, interval (strength)", value: fixed(agreement.krippendorff_alpha_interval, 3), reading: alphaReading(agreement.krippendorff_alpha_interval), figure: "krippendorff_alpha_interval", digits: 3 },
  ];
  return (
    <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      {tiles.map((tile) => (
        <div key={tile.label} className="rounded-lg border border-gray-200 bg-white px-3 py-2.5">
          <dt className="text-xs text-gray-600">{tile.label}</dt>
          <dd className="mt-0.5">
            <span className="text-2xl font-semibold tabular-nums">{tile.value}</span>
            {intervals && intervals.rounds > 0 ? (
              <span className="ml-2 text-sm whitespace-nowrap text-gray-600 tabular-nums">
                {intervals.intervals[tile.figure].low === null
                  ? "no interval"
                  : `95% ${tile.digits < 0 ? percent(intervals.intervals[tile.figure].low) : fixed(intervals.intervals[tile.figure].low, tile.digits)} – ${tile.digits < 0 ? percent(intervals.intervals[tile.figure].high) : fixed(intervals.intervals[tile.figure].high, tile.digits)}`}
              </span>
            ) : null}
            <span className="mt-1 block text-sm leading-snug text-gray-700">{tile.reading}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
