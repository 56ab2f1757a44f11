import type { AgreementResult } from "@/lib/agreement/types";
import { alphaReading, kappaReading, percentReading } from "@/lib/agreement/readings";
import { fixed, percent } from "@/components/analytics/format";

type Tile = { label: string; value: string; reading: string };

/** The headline figures, each with one sentence saying what it means. */
export function MetricTiles({ agreement, minPairItems }: { agreement: AgreementResult; minPairItems: number }) {
  const countedPairs = agreement.pairs.filter((p) => p.n >= minPairItems && p.cohen_kappa !== null).length;
  const tiles: Tile[] = [
    { label: "Percent agreement", value: percent(agreement.percent_agreement), reading: percentReading(agreement.percent_agreement) },
    {
      label: "Mean Cohen's κ",
      value: fixed(agreement.mean_cohen_kappa),
      reading:
        agreement.mean_cohen_kappa === null
          ? `undefined: no two annotators share ${minPairItems} or more items yet`
          : `${kappaReading(agreement.mean_cohen_kappa)}; mean over ${countedPairs} annotator pair${countedPairs === 1 ? "" : "s"} sharing ≥ ${minPairItems} items`,
    },
    {
      label: "Fleiss' κ",
      value: fixed(agreement.fleiss_kappa),
      reading:
        agreement.fleiss_kappa === null && agreement.items_with_multiple_judgments > 0
          ? "undefined: items have different numbers of judgments (it needs the same number on every item)"
          : kappaReading(agreement.fleiss_kappa),
    },
    { label: "Krippendorff's α, nominal (A / tie / B)", value: fixed(agreement.krippendorff_alpha_nominal, 3), reading: alphaReading(agreement.krippendorff_alpha_nominal) },
    { label: "Krippendorff's α, ordinal (strength)", value: fixed(agreement.krippendorff_alpha_ordinal, 3), reading: alphaReading(agreement.krippendorff_alpha_ordinal) },
    { label: "Krippendorff's α, interval (strength)", value: fixed(agreement.krippendorff_alpha_interval, 3), reading: alphaReading(agreement.krippendorff_alpha_interval) },
  ];
  return (
    <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      {tiles.map((tile) => (
        <div key={tile.label} className="rounded-lg border border-gray-200 bg-white px-3 py-2.5">
          <dt className="text-xs text-gray-600">{tile.label}</dt>
          <dd className="mt-0.5">
            <span className="text-2xl font-semibold tabular-nums">{tile.value}</span>
            <span className="mt-1 block text-sm leading-snug text-gray-700">{tile.reading}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
