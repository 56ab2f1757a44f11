import Link from "next/link";
import { Table, Td, Th } from "@/components/ui/table";
import { percent } from "@/components/analytics/format";
import type { SourceAgreement, Interval } from "@/lib/reference/source-agreement";

const interval = (i: Interval | null) => (i ? `${percent(i.low)}–${percent(i.high)}` : "—");

/**
 * "Agreement with the source" (docs/formats.md): shown when the project holds
 * items imported with a label (hh, trl, ratings). The figures come from
 * getSourceAgreement; the caller has checked access.
 */
export function SourceAgreementSection({ figures, base, slug, nameOf }: { figures: SourceAgreement; base: string; slug: string; nameOf: (pseudonym: string) => string }) {
  const { overall } = figures;
  return (
    <section aria-labelledby="source-title" id="source" className="space-y-2">
      <h2 id="source-title" className="text-base font-semibold">
        Agreement with the source
      </h2>
      <p className="text-sm text-gray-700">
        {figures.reference_items.toLocaleString("en-US")} items came with a label from {figures.sources.join(", ")} (kept apart, never shown to annotators).{" "}
        {overall.total === 0 ? (
          "None of them has been judged yet."
        ) : (
          <>
            On the {overall.total.toLocaleString("en-US")} judged, the annotators&apos; consensus picks the source&apos;s choice on{" "}
            <strong>{percent(overall.rate)}</strong> (95% interval {interval(overall.interval)}) and overturns it on {figures.total_overturned.toLocaleString("en-US")}.
          </>
        )}{" "}
        <a className="text-blue-800 underline" href={`/api/v1/projects/${encodeURIComponent(slug)}/source-agreement`}>
          JSON
        </a>
      </p>
      {figures.per_annotator.length > 0 ? <h3 className="pt-2 text-sm font-semibold">Each annotator against the source</h3> : null}
      {figures.per_annotator.length > 0 ? (
        <Table caption="Each annotator against the source">
          <thead>
            <tr>
              <Th>Annotator</Th>
              <Th className="text-right">Judgments</Th>
              <Th className="text-right">Same as source</Th>
              <Th className="text-right">95% CI</Th>
            </tr>
          </thead>
          <tbody>
            {figures.per_annotator.map((a) => (
              <tr key={a.annotator}>
                <Td>{nameOf(a.annotator)}</Td>
                <Td className="text-right tabular-nums">{a.total}</Td>
                <Td className="text-right tabular-nums">{percent(a.rate)}</Td>
                <Td className="text-right tabular-nums">{interval(a.interval)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
      {figures.overturned.length > 0 ? (
        <h3 className="pt-2 text-sm font-semibold">
          Overturned: the crowd picks otherwise ({figures.total_overturned.toLocaleString("en-US")}
          {figures.total_overturned > figures.overturned.length ? `, the ${figures.overturned.length} most judged shown` : ""}) —{" "}
          <a className="font-normal text-blue-800 underline" href={`/api/v1/projects/${encodeURIComponent(slug)}/export?format=raw&include_reference=1&source_agreement=disagree`}>
            export them
          </a>
        </h3>
      ) : null}
      {figures.overturned.length > 0 ? (
        <Table caption={`Items where the crowd overturns the source (${figures.total_overturned.toLocaleString("en-US")}${figures.total_overturned > figures.overturned.length ? `, the ${figures.overturned.length} most judged shown` : ""})`}>
          <thead>
            <tr>
              <Th>Item</Th>
              <Th>Source</Th>
              <Th>Consensus</Th>
              <Th className="text-right">Judgments</Th>
            </tr>
          </thead>
          <tbody>
            {figures.overturned.map((item) => (
              <tr key={item.item_id}>
                <Td className="whitespace-nowrap">
                  <Link href={`${base}/items/${encodeURIComponent(item.item_id)}`} className="font-mono text-blue-800 underline">
                    {item.item_id}
                  </Link>
                </Td>
                <Td>{item.reference}</Td>
                <Td>{item.consensus}</Td>
                <Td className="text-right tabular-nums">{item.n_judgments}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </section>
  );
}
