import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { guardPage } from "@/lib/http/page-guard";
import { annotatorIdentityScope, getProjectForActor } from "@/lib/permissions";
import { serveAgreement } from "@/lib/views/agreement-view";
import { serveBias } from "@/lib/views/bias-view";
import { ViewFreshness, ViewPending } from "@/components/admin/view-freshness";
import { annotatorFlags } from "@/lib/agreement/readings";
import { DEFAULT_MIN_PAIR_ITEMS } from "@/lib/agreement/compute-agreement";
import { Table, Td, Th } from "@/components/ui/table";
import { percent } from "@/components/analytics/format";
import { MetricTiles } from "./_components/metric-tiles";
import { KappaHeatmap } from "./_components/kappa-heatmap";
import { AnnotatorTable, SORT_KEYS, type SortDir, type SortKey } from "./_components/annotator-table";
import { PreferenceBars } from "./_components/preference-bars";
import { BiasSection } from "./_components/bias-section";
import { SourceAgreementSection } from "./_components/source-agreement-section";
import { hasReferences } from "@/lib/reference/store";
import { getSourceAgreement } from "@/lib/reference/source-agreement";

export const metadata: Metadata = { title: "Agreement" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

function Section({ id, title, intro, children }: { id: string; title: string; intro?: React.ReactNode; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} id={id} className="space-y-2">
      <h2 id={`${id}-title`} className="text-base font-semibold">
        {title}
      </h2>
      {intro ? <p className="text-sm text-gray-700">{intro}</p> : null}
      {children}
    </section>
  );
}

/** How much the annotators agree (definitions: docs/formats.md, "Agreement metrics"), for the project's leads and admins. */
export default async function AgreementPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const search = await searchParams;
  const actor = await requireActor(`/admin/projects/${slug}/agreement`);
  const project = await guardPage(() => getProjectForActor({ actor, slug, access: "lead" }));
  // Names only as annotatorIdentityScope allows: all for admins, the project's members for its leads.
  // Both read every judgment: served from their stored views (lib/views), recomputed in the background.
  const [served, servedBias] = await Promise.all([
    serveAgreement({ projectId: project.id, identityScope: annotatorIdentityScope(actor, project, "page"), intervals: search.intervals === "1" }),
    serveBias({ projectId: project.id }),
  ]);
  if (!served.payload) return <ViewPending project={project.slug} view="agreement" what="Agreement figures" />;
  const { agreement, identities, intervals, rankings } = served.payload;
  const bias = servedBias.payload;

  const sort: SortKey = (SORT_KEYS as readonly string[]).includes(String(search.sort)) ? (search.sort as SortKey) : "judgments";
  const dir: SortDir = search.dir === "asc" ? "asc" : "desc";
  const nameOf = (pseudonym: string) => {
    const who = identities[pseudonym];
    return who ? `${who.name}${who.external ? " (external)" : ""}` : pseudonym;
  };
  const base = `/admin/projects/${project.slug}`;
  const sourceFigures = (await hasReferences(project.id)) ? await getSourceAgreement({ projectId: project.id }) : null;

  if (agreement.judgments === 0) {
    return <p className="rounded-lg border border-gray-200 bg-white p-4 text-sm text-gray-700">No judgments yet: agreement appears here once annotators have judged the same pairs.</p>;
  }
  return (
    <div className="space-y-7">
      <ViewFreshness served={served} project={project.slug} view="agreement" what="Agreement figures" />
      <p className="text-sm text-gray-700">
        {agreement.judgments.toLocaleString("en-US")} judgments by {agreement.annotators} annotator{agreement.annotators === 1 ? "" : "s"} on {agreement.items.toLocaleString("en-US")} items;{" "}
        {agreement.items_with_multiple_judgments.toLocaleString("en-US")} items have two or more judgments and count towards agreement. Ties are {percent(agreement.tie_rate)} of judgments.{" "}
        <a className="text-blue-800 underline" href={`/api/v1/projects/${encodeURIComponent(project.slug)}/agreement`}>
          JSON
        </a>
      </p>
      <Section
        id="headline"
        title="Headline figures"
        intro={
          <>
            They rest on{" "}
            {Object.entries(intervals.items_by_judgments)
              .map(([k, count]) => `${count.toLocaleString("en-US")} item${count === 1 ? "" : "s"} with ${k} judgment${k === "1" ? "" : "s"}`)
              .join(", ")}{" "}
            (items with one judgment count towards none of them).{" "}
            {intervals.rounds > 0 ? (
              <>95% intervals from {intervals.rounds} bootstrap resamples of the items.</>
            ) : (
              <Link href={`${base}/agreement?intervals=1`} className="text-blue-800 underline">
                Show 95% intervals (bootstrap over items; takes a few seconds on large projects)
              </Link>
            )}
          </>
        }
      >
        <MetricTiles agreement={agreement} minPairItems={DEFAULT_MIN_PAIR_ITEMS} intervals={intervals} />
      </Section>
      {rankings ? (
        <Section
          id="rankings"
          title="Ranking items"
          intro="Kendall's W (tie-corrected) per ranking item with two or more rankings: 1 when the annotators rank alike, near 0 when they do not; and Krippendorff's α (ordinal) with each implied pair a unit (docs/formats.md, “Agreement on rankings”). The figures above count each implied pair as an item."
        >
          <div className="rounded-lg border border-gray-200 bg-white p-4 text-sm">
            <p>
              {rankings.items.toLocaleString("en-US")} ranking items, {rankings.rankings.toLocaleString("en-US")} rankings. Mean W{" "}
              <span className="font-semibold">{rankings.mean_kendall_w === null ? "—" : rankings.mean_kendall_w.toFixed(3)}</span>; α ordinal over implied pairs{" "}
              <span className="font-semibold">{rankings.alpha_ordinal_implied_pairs === null ? "—" : rankings.alpha_ordinal_implied_pairs.toFixed(3)}</span>.
            </p>
            {rankings.per_item.length > 0 ? (
              <Table caption="Ranking items whose annotators agree least (lowest W)">
                <thead>
                  <tr>
                    <th className="px-2 py-1 text-left">Item</th>
                    <th className="px-2 py-1 text-right">Rankings</th>
                    <th className="px-2 py-1 text-right">W</th>
                  </tr>
                </thead>
                <tbody>
                  {rankings.per_item.slice(0, 10).map((row) => (
                    <tr key={row.item_id}>
                      <td className="px-2 py-1 font-mono">{row.item_id}</td>
                      <td className="px-2 py-1 text-right">{row.n_rankings}</td>
                      <td className="px-2 py-1 text-right">{row.kendall_w === null ? "—" : row.kendall_w.toFixed(3)}</td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            ) : null}
          </div>
        </Section>
      ) : null}
      <Section id="kappa" title="Cohen's κ between annotators" intro="Agreement of each pair of annotators on the items both judged, beyond what chance would give (A / tie / B).">
        <KappaHeatmap annotators={agreement.per_annotator} pairs={agreement.pairs} nameOf={nameOf} minPairItems={DEFAULT_MIN_PAIR_ITEMS} />
      </Section>
      <Section
        id="annotators"
        title="Per annotator"
        intro="Agreement with the majority of the other annotators on the same item; side bias is the share of non-tie judgments that chose the response shown on the left (0.5 is unbiased)."
      >
        <AnnotatorTable rows={agreement.per_annotator} flags={annotatorFlags(agreement.per_annotator)} nameOf={nameOf} pseudonymShown sort={sort} dir={dir} basePath={`${base}/agreement`} />
      </Section>
      <Section
        id="bias"
        title="Bias"
        intro={
          <>
            Whether choices follow the side a response was shown on, its length or its formatting rather than its content. Each figure is over non-tie judgments;
            a logistic fit of &ldquo;B chosen&rdquo; on the difference B − A gives the effect, in red where its 95% interval excludes none (definitions: docs/formats.md,
            &ldquo;Bias diagnostics&rdquo;).{" "}
            <a className="text-blue-800 underline" href={`/api/v1/projects/${encodeURIComponent(project.slug)}/bias`}>
              JSON
            </a>
          </>
        }
      >
        {bias ? <ViewFreshness served={servedBias} project={project.slug} view="bias" what="Bias figures" /> : null}
        {bias ? <BiasSection bias={bias} nameOf={nameOf} /> : <ViewPending project={project.slug} view="bias" what="Bias figures" />}
      </Section>
      <Section id="distribution" title="Preferences given" intro="Negative favours response A, positive response B; the size is the strength.">
        <div className="rounded-lg border border-gray-200 bg-white p-4">
          <PreferenceBars distribution={agreement.preference_distribution} scale={project.scale} allowTie={project.allowTie} />
        </div>
      </Section>
      <Section id="disputed" title="Most disputed items" intro="Items whose judgments agree least (then spread most). Worth reading: unclear guidelines and broken pairs show up here first.">
        {agreement.disputed_items.length === 0 ? (
          <p className="text-sm text-gray-600">No disputed items: every item with two or more judgments is unanimous.</p>
        ) : (
          <Table caption="Most disputed items">
            <thead>
              <tr>
                <Th>Item</Th>
                <Th className="text-right">Judgments</Th>
                <Th className="text-right">Agreement</Th>
                <Th>Preferences</Th>
              </tr>
            </thead>
            <tbody>
              {agreement.disputed_items.map((item) => (
                <tr key={item.item_id}>
                  <Td>
                    <Link href={`${base}/items/${encodeURIComponent(item.item_id)}`} className="font-mono text-blue-800 underline">
                      {item.item_id}
                    </Link>
                  </Td>
                  <Td className="text-right tabular-nums">{item.n}</Td>
                  <Td className="text-right tabular-nums">{percent(item.percent_agreement)}</Td>
                  <Td className="font-mono text-xs whitespace-nowrap">{item.preferences.map((p) => (p > 0 ? `+${p}` : String(p))).join("  ")}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Section>
      {sourceFigures ? <SourceAgreementSection figures={sourceFigures} base={base} slug={project.slug} nameOf={nameOf} /> : null}
    </div>
  );
}
