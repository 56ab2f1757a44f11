import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session";
import { guardPage } from "@/lib/http/page-guard";
import { getProjectForActor } from "@/lib/permissions";
import { getProjectLeaderboard } from "@/lib/ranking/project-leaderboard";
import { Table, Td, Th } from "@/components/ui/table";
import { fixed, percent } from "@/components/analytics/format";
import { AxisTicks, IntervalPlot, scoreAxis } from "./_components/interval-plot";
import { WinRateMatrix } from "./_components/win-rate-matrix";
import { serveStyleLeaderboard } from "@/lib/views/style-leaderboard-view";
import { ViewFreshness, ViewPending } from "@/components/admin/view-freshness";
import { SeparationTable, StyleControlSection, StyleToggle } from "./_components/style-control";

export const metadata: Metadata = { title: "Model leaderboard" };
export const dynamic = "force-dynamic";

const n = (value: number) => value.toLocaleString("en-US");

/** A private arena over the project's pairs: Bradley–Terry scores of the models, for leads and admins. */
export default async function LeaderboardPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { slug } = await params;
  const styleOn = (await searchParams).style_control === "1";
  const actor = await requireActor(`/admin/projects/${slug}/leaderboard`);
  const project = await guardPage(() => getProjectForActor({ actor, slug, access: "lead" }));
  const board = await getProjectLeaderboard({ projectId: project.id });
  // The style-controlled fit reads every judged item's responses: served from its stored view (lib/views).
  const servedStyle = styleOn && board.models.length > 0 ? await serveStyleLeaderboard({ projectId: project.id }) : null;
  const styled = servedStyle?.payload ?? null;
  const base = `/admin/projects/${project.slug}/leaderboard`;

  if (board.models.length === 0) {
    return (
      <p className="rounded-lg border border-gray-200 bg-white p-4 text-sm text-gray-700">
        No comparisons yet. The leaderboard ranks the models named in the items&apos; <code>model_a</code> and <code>model_b</code> once their pairs have judgments
        {board.judgments_without_models ? ` (${n(board.judgments_without_models)} judgments so far are on items without two different model names)` : ""}.
      </p>
    );
  }
  const axis = scoreAxis([...board.models, ...(styled?.models ?? [])].flatMap((m) => [m.score, m.ci_low ?? m.score, m.ci_high ?? m.score]));
  return (
    <div className="space-y-7">
      <p className="max-w-3xl text-sm text-gray-700">
        Bradley–Terry strengths fitted by maximum likelihood over {n(board.comparisons_total)} judgments, a tie counting half a win for each model, shown as
        Elo-style scores (1000 is the average model; a 100-point lead means being preferred about 64% of the time). The 95% intervals come from {board.bootstrap}{" "}
        bootstrap resamples of the judgments: where two intervals overlap, the data does not settle their order yet.{" "}
        <a className="text-blue-800 underline" href={`/api/v1/projects/${encodeURIComponent(project.slug)}/leaderboard`}>
          JSON
        </a>
      </p>
      <StyleToggle on={styleOn} offHref={base} onHref={`${base}?style_control=1`} />
      {servedStyle && styled ? <ViewFreshness served={servedStyle} project={project.slug} view="style-leaderboard" what="Style-controlled ranking" /> : null}
      {servedStyle && !styled ? <ViewPending project={project.slug} view="style-leaderboard" what="Style-controlled ranking" /> : null}
      {styled ? <StyleControlSection styled={styled} raw={board.models} axis={axis} /> : null}
      <section aria-labelledby="ranking-title" className="space-y-2">
        <h2 id="ranking-title" className="text-base font-semibold">
          {styled ? "Ranking without style control" : "Ranking"}
        </h2>
        <Table caption="Models ranked by score">
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
              <Th className="text-right">Comparisons</Th>
              <Th className="text-right">Won / lost / tied</Th>
              <Th className="text-right">Points won</Th>
            </tr>
          </thead>
          <tbody>
            {board.models.map((m, index) => (
              <tr key={m.model}>
                <Td className="text-right tabular-nums text-gray-600">{index + 1}</Td>
                <Td className="font-medium">{m.model}</Td>
                <Td className="text-right font-semibold tabular-nums">{fixed(m.score, 0)}</Td>
                <Td className="text-right whitespace-nowrap tabular-nums text-gray-700">{m.ci_low === null ? "—" : `${fixed(m.ci_low, 0)} – ${fixed(m.ci_high, 0)}`}</Td>
                <Td className="py-1">
                  <IntervalPlot
                    axis={axis}
                    score={m.score}
                    low={m.ci_low}
                    high={m.ci_high}
                    label={`${m.model}: score ${fixed(m.score, 0)}${m.ci_low === null ? "" : `, 95% interval ${fixed(m.ci_low, 0)} to ${fixed(m.ci_high, 0)}`}`}
                  />
                </Td>
                <Td className="text-right tabular-nums">{n(m.comparisons)}</Td>
                <Td className="text-right whitespace-nowrap tabular-nums">
                  {n(m.wins)} / {n(m.losses)} / {n(m.ties)}
                </Td>
                <Td className="text-right tabular-nums">{percent(m.comparisons ? (m.wins + m.ties / 2) / m.comparisons : null)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
        {board.judgments_without_models ? (
          <p className="text-xs text-gray-600">
            {n(board.judgments_without_models)} judgment{board.judgments_without_models === 1 ? " is" : "s are"} left out: {board.judgments_without_models === 1 ? "its item lacks" : "their items lack"} a model name, or pit a model against itself.
          </p>
        ) : null}
      </section>
      <section aria-labelledby="separation-title" className="space-y-2">
        <h2 id="separation-title" className="text-base font-semibold">
          How many judgments are enough
        </h2>
        <p className="max-w-3xl text-sm text-gray-700">
          For each model and the one ranked just below it{styled ? " (without style control)" : ""}: whether their 95% intervals separate, and roughly how many more direct comparisons of the two would make their
          head-to-head win rate distinguishable from 50% if it stays where it is (docs/formats.md, &ldquo;How many judgments are enough&rdquo;).
        </p>
        <SeparationTable rows={board.separation} caption="Adjacent models: separation" />
      </section>
      <section aria-labelledby="matrix-title" className="space-y-2">
        <h2 id="matrix-title" className="text-base font-semibold">
          Head to head
        </h2>
        <p className="text-sm text-gray-700">The share of points the row model won against the column model, and how many comparisons that rests on.</p>
        <WinRateMatrix models={board.models.map((m) => m.model)} winRate={board.win_rate} pairs={board.pairs} />
      </section>
      <section aria-labelledby="pairs-title" className="space-y-2">
        <h2 id="pairs-title" className="text-base font-semibold">
          Comparisons per pair
        </h2>
        <Table caption="Comparisons per pair of models">
          <thead>
            <tr>
              <Th>Pair</Th>
              <Th className="text-right">Comparisons</Th>
              <Th>Wins</Th>
              <Th className="text-right">Ties</Th>
            </tr>
          </thead>
          <tbody>
            {board.pairs.map((p) => (
              <tr key={`${p.a}\u0000${p.b}`}>
                <Td>
                  {p.a} <span className="text-gray-500">vs</span> {p.b}
                </Td>
                <Td className="text-right tabular-nums">{n(p.comparisons)}</Td>
                <Td className="tabular-nums whitespace-nowrap">
                  {p.a} {n(p.a_wins)} <span className="text-gray-500">–</span> {n(p.b_wins)} {p.b}
                </Td>
                <Td className="text-right tabular-nums">{n(p.ties)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </section>
    </div>
  );
}
