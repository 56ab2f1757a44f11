import type { AnnotatorAgreement, AnnotatorPair } from "@/lib/agreement/types";
import { HeatCell } from "@/components/analytics/heat-cell";
import { fixed } from "@/components/analytics/format";

const MAX_ANNOTATORS = 25;

/**
 * Cohen's κ of every pair of annotators, as a matrix: each cell prints κ and
 * its colour repeats it (blue agreement, red worse than chance). Pairs that
 * share fewer items than count towards the mean are pale and in italics.
 */
export function KappaHeatmap({
  annotators,
  pairs,
  nameOf,
  minPairItems,
}: {
  annotators: AnnotatorAgreement[];
  pairs: AnnotatorPair[];
  nameOf: (pseudonym: string) => string;
  minPairItems: number;
}) {
  const shown = [...annotators].sort((x, y) => y.judgments - x.judgments).slice(0, MAX_ANNOTATORS);
  const byPair = new Map<string, AnnotatorPair>();
  for (const pair of pairs) {
    byPair.set(`${pair.a}\u0000${pair.b}`, pair);
    byPair.set(`${pair.b}\u0000${pair.a}`, pair);
  }
  if (shown.length < 2) return <p className="text-sm text-gray-600">κ needs two annotators who judged the same items.</p>;
  return (
    <div>
      <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
        <table className="border-collapse text-sm">
          <caption className="sr-only">Cohen&apos;s kappa for each pair of annotators</caption>
          <thead>
            <tr>
              <td className="px-2 py-1" />
              {shown.map((col) => (
                <th key={col.annotator} scope="col" className="max-w-24 px-1 py-1 align-bottom text-xs font-medium text-gray-700">
                  <span className="block truncate" title={nameOf(col.annotator)}>
                    {nameOf(col.annotator)}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={row.annotator}>
                <th scope="row" className="px-2 py-1 text-left text-xs font-medium whitespace-nowrap text-gray-700">
                  {nameOf(row.annotator)}
                </th>
                {shown.map((col) => {
                  if (col.annotator === row.annotator) return <td key={col.annotator} className="border border-white bg-gray-200 px-2 py-1.5 text-center text-xs text-gray-500">—</td>;
                  const pair = byPair.get(`${row.annotator}\u0000${col.annotator}`);
                  if (!pair) return <td key={col.annotator} title="No items in common" className="border border-white bg-gray-50 px-2 py-1.5 text-center text-xs text-gray-400">·</td>;
                  const few = pair.n < minPairItems;
                  return (
                    <HeatCell
                      key={col.annotator}
                      value={pair.cohen_kappa}
                      scale={{ min: -1, mid: 0, max: 1 }}
                      label={fixed(pair.cohen_kappa)}
                      muted={few}
                      title={`${nameOf(row.annotator)} × ${nameOf(col.annotator)}: κ ${fixed(pair.cohen_kappa, 3)} on ${pair.n} shared item${pair.n === 1 ? "" : "s"}${few ? ` (fewer than ${minPairItems}: not in the mean)` : ""}`}
                    />
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-1.5 text-xs text-gray-600">
        Blue: agreement beyond chance; red: worse than chance; pale italics: fewer than {minPairItems} shared items; · no shared items. Hover a cell for its count.
        {annotators.length > shown.length ? ` Showing the ${shown.length} annotators with the most judgments of ${annotators.length}; the REST API lists every pair.` : ""}
      </p>
    </div>
  );
}
