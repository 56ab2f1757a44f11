import Link from "next/link";
import type { ModelRating } from "@/lib/ranking/bradley-terry";
import type { AdjacentSeparation } from "@/lib/ranking/separation";
import type { ProjectStyleControl } from "@/lib/ranking/project-style-leaderboard";
import { Table, Td, Th } from "@/components/ui/table";
import { fixed, percent } from "@/components/analytics/format";
import { AxisTicks, IntervalPlot, type Axis } from "./interval-plot";

const n = (value: number) => value.toLocaleString("en-US");
const FEATURE: Record<string, string> = { words: "Length (words)", headers: "Headers", list_items: "List items", bold: "Bold spans" };

/** Two links, the current one marked: style control is a page state in the URL, so it works without JavaScript and can be shared. */
export function StyleToggle({ on, offHref, onHref }: { on: boolean; offHref: string; onHref: string }) {
  const cls = (active: boolean) => `rounded-md border px-3 py-1.5 text-sm ${active ? "border-blue-800 bg-blue-800 text-white" : "border-gray-300 bg-white text-blue-800 underline"}`;
  return (
    <nav aria-label="Style control" className="flex flex-wrap items-center gap-2">
      <span className="text-sm text-gray-700">Style control:</span>
      <Link href={offHref} aria-current={on ? undefined : "page"} className={cls(!on)}>
        Off
      </Link>
      <Link href={onHref} aria-current={on ? "page" : undefined} className={cls(on)}>
        On: correct for length and formatting
      </Link>
    </nav>
  );
}

/** The style-controlled ranking beside the plain one, and the style coefficients. */
export function StyleControlSection({ styled, raw, axis }: { styled: ProjectStyleControl; raw: ModelRating[]; axis: Axis }) {
  const rawRank = new Map(raw.map((m, k) => [m.model, k + 1]));
  const rawScore = new Map(raw.map((m) => [m.model, m.score]));
  return (
    <>
      <section aria-labelledby="styled-title" className="space-y-2">
        <h2 id="styled-title" className="text-base font-semibold">
          Ranking with style control
        </h2>
        <p className="max-w-3xl text-sm text-gray-700">
          The same Bradley–Terry model fitted with the responses&apos; style differences as covariates, as Chatbot Arena&apos;s style control does: what each model&apos;s
          score would be if its answers were no longer and no more formatted than its opponents&apos;. Intervals from {styled.bootstrap} bootstrap resamples.
        </p>
        <Table caption="Models ranked by style-controlled score">
          <thead>
            <tr>
              <Th className="text-right">#</Th>
              <Th>Model</Th>
              <Th className="text-right">Score</Th>
              <Th className="text-right">95% interval</Th>
              <Th>
                <span className="sr-only">Interval plot</span>
                <AxisTicks axis={axis} />
              </Th>
              <Th className="text-right">Without style control</Th>
            </tr>
          </thead>
          <tbody>
            {styled.models.map((m, index) => {
              const before = rawRank.get(m.model);
              return (
                <tr key={m.model}>
                  <Td className="text-right tabular-nums text-gray-600">{index + 1}</Td>
                  <Td className="font-medium">{m.model}</Td>
                  <Td className="text-right font-semibold tabular-nums">{fixed(m.score, 0)}</Td>
                  <Td className="text-right whitespace-nowrap tabular-nums text-gray-700">{m.ci_low === null ? "—" : `${fixed(m.ci_low, 0)} – ${fixed(m.ci_high, 0)}`}</Td>
                  <Td className="py-1">
                    <IntervalPlot axis={axis} score={m.score} low={m.ci_low} high={m.ci_high} label={`${m.model}: style-controlled score ${fixed(m.score, 0)}`} />
                  </Td>
                  <Td className="text-right whitespace-nowrap tabular-nums">
                    {fixed(rawScore.get(m.model), 0)} <span className="text-gray-600">(#{before ?? "—"}{before !== undefined && before !== index + 1 ? (before > index + 1 ? " ↑" : " ↓") : ""})</span>
                  </Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
        <SeparationTable rows={styled.separation} caption="Adjacent models with style control: separation" />
      </section>
      <section aria-labelledby="coef-title" className="space-y-2">
        <h2 id="coef-title" className="text-base font-semibold">
          Style coefficients
        </h2>
        <p className="max-w-3xl text-sm text-gray-700">
          Log-odds of winning per standard deviation of each normalised difference (B − A)/(B + A); positive means judges favour more of it. Bold where the 95%
          bootstrap interval excludes 0.
        </p>
        <Table caption="Style coefficients">
          <thead>
            <tr>
              <Th>Feature</Th>
              <Th className="text-right">Coefficient</Th>
              <Th className="text-right">95% interval</Th>
              <Th className="text-right">SD of the difference</Th>
            </tr>
          </thead>
          <tbody>
            {styled.style.map((s) => {
              const clear = s.ci_low !== null && s.ci_high !== null && (s.ci_low > 0 || s.ci_high < 0);
              return (
                <tr key={s.feature}>
                  <Td>{FEATURE[s.feature] ?? s.feature}</Td>
                  <Td className={`text-right tabular-nums ${clear ? "font-semibold" : ""}`}>{s.sd > 0 ? fixed(s.coef) : "—"}</Td>
                  <Td className="text-right whitespace-nowrap tabular-nums">{s.ci_low === null || s.sd === 0 ? "—" : `${fixed(s.ci_low)} – ${fixed(s.ci_high)}`}</Td>
                  <Td className="text-right tabular-nums">{s.sd > 0 ? fixed(s.sd, 3) : "never differs"}</Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      </section>
    </>
  );
}

/** Adjacent models: intervals separate or not, and the estimate of further comparisons. */
export function SeparationTable({ rows, caption }: { rows: AdjacentSeparation[]; caption: string }) {
  if (rows.length === 0) return <p className="text-sm text-gray-600">One model: nothing to separate.</p>;
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>Pair</Th>
          <Th>Intervals</Th>
          <Th className="text-right">Direct comparisons</Th>
          <Th className="text-right">Higher won</Th>
          <Th className="text-right">About how many more</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.higher}\u0000${r.lower}`}>
            <Td>
              {r.higher} <span className="text-gray-500">over</span> {r.lower}
            </Td>
            <Td>{r.separated === null ? "—" : r.separated ? <span className="text-green-800">separate</span> : <span className="text-amber-800">overlap</span>}</Td>
            <Td className="text-right tabular-nums">{n(r.comparisons)}</Td>
            <Td className="text-right tabular-nums">{percent(r.higher_share)}</Td>
            <Td className="text-right tabular-nums">
              {r.separated ? "—" : r.more_needed === 0 ? <span className="text-gray-600">head-to-head already clear</span> : r.more_needed === null ? <span className="text-gray-600">no estimate{r.comparisons === 0 ? " (never compared)" : " (even so far)"}</span> : n(r.more_needed)}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
