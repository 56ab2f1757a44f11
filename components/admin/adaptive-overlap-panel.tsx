import Link from "next/link";
import type { AdaptiveProgress } from "@/lib/assignment/adaptive-progress";

const n = (value: number) => value.toLocaleString("en-US");
const pct = (part: number, whole: number) => (whole > 0 ? `${Math.round((part / whole) * 100)}%` : "—");

/**
 * The stopping rule at work (docs/formats.md, "Adaptive overlap"): judgments
 * spent against a fixed overlap of K, items finished early by reason, and the
 * items still open because they disagree (linked to the items filter).
 */
export function AdaptiveOverlapPanel({ slug, progress }: { slug: string; progress: AdaptiveProgress }) {
  const { rule, finished } = progress;
  const saved = progress.finishedFixedCost - progress.finishedSpent;
  const ruleText = progress.adaptive
    ? `k = ${rule.overlapMin} to K = ${rule.overlapMax} judgments; an item stops early when unanimous at k or when ${
        rule.stopOn === "bound" ? "the lower 90% bound of its majority share" : "its majority share"
      } reaches ${Math.round(rule.stopShare * 1000) / 10}%.`
    : `Fixed overlap: ${rule.overlapMax} judgment${rule.overlapMax === 1 ? "" : "s"} per item (set a minimum and maximum in settings to stop early on agreement).`;
  return (
    <section aria-labelledby="adaptive-title" className="space-y-2 rounded-lg border border-gray-200 bg-white p-3">
      <h2 id="adaptive-title" className="text-sm font-semibold">
        Overlap
      </h2>
      <p className="text-sm text-gray-700">{ruleText}</p>
      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-xs text-gray-600">Judgments spent</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid="judgments-spent">
            {n(progress.judgmentsSpent)}
          </dd>
          <dd className="text-xs text-gray-600">of {n(progress.fixedMaxCost)} at a fixed K = {rule.overlapMax}</dd>
        </div>
        <div>
          <dt className="text-xs text-gray-600">Items finished</dt>
          <dd className="text-lg font-semibold tabular-nums">
            {n(finished.total)} <span className="text-sm font-normal text-gray-600">of {n(progress.items)}</span>
          </dd>
          <dd className="text-xs text-gray-600">{n(finished.max)} at K</dd>
        </div>
        <div>
          <dt className="text-xs text-gray-600">Finished early</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid="finished-early">
            {n(finished.early)}
          </dd>
          <dd className="text-xs text-gray-600">
            {n(finished.unanimous)} unanimous · {n(finished.share)} by share · {n(finished.bound)} by bound
          </dd>
        </div>
        <div>
          <dt className="text-xs text-gray-600">Open, disagreeing</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid="open-disagreeing">
            {progress.openDisagreeing > 0 ? (
              <Link href={`/admin/projects/${slug}/items?state=disagreeing`} className="text-blue-800 underline">
                {n(progress.openDisagreeing)}
              </Link>
            ) : (
              "0"
            )}
          </dd>
          <dd className="text-xs text-gray-600">waiting for another judgment</dd>
        </div>
      </dl>
      {finished.total > 0 ? (
        <p className="text-sm text-gray-700" data-testid="adaptive-saving">
          The {n(finished.total)} finished item{finished.total === 1 ? "" : "s"} took {n(progress.finishedSpent)} judgments; at a fixed K they would
          have taken {n(progress.finishedFixedCost)}
          {saved > 0 ? `: ${n(saved)} saved (${pct(saved, progress.finishedFixedCost)})` : ""}.
        </p>
      ) : null}
    </section>
  );
}
