import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session";
import { guardPage } from "@/lib/http/page-guard";
import { serveProjectQuality } from "@/lib/views/quality-view";
import { ViewFreshness, ViewPending } from "@/components/admin/view-freshness";
import { actionsFor } from "@/lib/quality/set-quality-status";
import type { QualityStatus } from "@/lib/generated/prisma/client";
import { QualityStatusCell } from "@/components/admin/quality-status-cell";
import { QUALITY_SORT_KEYS, QualityTable, type QualitySortKey, type SortDir } from "./_components/quality-table";

export const metadata: Metadata = { title: "Quality" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * Which annotators to trust (docs/formats.md, "Annotator quality"), for the
 * project's leads and admins: a plain reading, then one row per annotator.
 * readProjectQuality checks access itself; names as annotatorIdentityScope allows on pages.
 */
export default async function QualityPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const search = await searchParams;
  const actor = await requireActor(`/admin/projects/${slug}/quality`);
  // Dawid–Skene over every judgment: served from its stored view (lib/views), recomputed in the background.
  const served = await guardPage(() => serveProjectQuality({ actor, slug, identities: "page", memberIds: true }));
  if (!served.payload) return <ViewPending project={slug} view="quality" what="Quality figures" />;
  const quality = served.payload;
  const sort: QualitySortKey = (QUALITY_SORT_KEYS as readonly string[]).includes(String(search.sort)) ? (search.sort as QualitySortKey) : "reliability";
  const dir: SortDir = search.dir === "asc" ? "asc" : "desc";
  const identities = quality.identities ?? {};
  const nameOf = (pseudonym: string) => {
    const who = identities[pseudonym];
    return who ? `${who.name}${who.external ? " (external)" : ""}` : pseudonym;
  };
  const prior = quality.model.prior;
  const memberIds = quality.member_ids ?? {};
  // The lead's actions on a member's gold-check standing, as on the members page (setQualityStatusAction re-checks access).
  const statusCell = (row: (typeof quality.per_annotator)[number]) => {
    const userId = memberIds[row.annotator];
    if (!row.status || !userId) return null;
    const status = row.status.toUpperCase() as QualityStatus;
    return <QualityStatusCell project={quality.project} userId={userId} name={nameOf(row.annotator)} status={status} actions={actionsFor(status)} />;
  };

  return (
    <div className="space-y-6">
      <ViewFreshness served={served} project={quality.project} view="quality" what="Quality figures" />
      <section aria-labelledby="reading-title" className="space-y-2">
        <h2 id="reading-title" className="text-base font-semibold">
          Reading
        </h2>
        <ul className="list-disc space-y-1 rounded-lg border border-gray-200 bg-white py-3 pr-4 pl-8 text-sm text-gray-800">
          {quality.reading.map((sentence) => (
            <li key={sentence}>{sentence}</li>
          ))}
        </ul>
        <p className="text-xs text-gray-600">
          {quality.judgments.toLocaleString("en-US")} judgments on {quality.items.toLocaleString("en-US")} real items by {quality.annotators} annotator{quality.annotators === 1 ? "" : "s"};{" "}
          {quality.gold_answers.toLocaleString("en-US")} gold answers on {quality.gold_items} gold items. The model&apos;s share of true directions: A {Math.round(prior.A * 100)}%, tie{" "}
          {Math.round(prior.tie * 100)}%, B {Math.round(prior.B * 100)}%{quality.model.converged ? "" : " (the fit stopped before converging)"}.{" "}
          <a className="text-blue-800 underline" href={`/api/v1/projects/${encodeURIComponent(quality.project)}/quality`}>
            JSON
          </a>
        </p>
      </section>
      <section aria-labelledby="annotators-title" id="annotators" className="space-y-2">
        <h2 id="annotators-title" className="text-base font-semibold">
          Per annotator
        </h2>
        <p className="text-sm text-gray-700">
          Reliability is the Dawid–Skene model&apos;s probability that one of their labels (A, tie or B) is the true direction; open &ldquo;matrix&rdquo; for how they answer each true direction. Gold accuracy
          comes with its 95% Wilson interval; re-checks (self-consistency) is the share of swapped re-checks answered in the same direction (Δ: mean difference in scale points). Left side (side bias) is the share of
          non-tie judgments choosing the left response (0.5 is unbiased).
        </p>
        {quality.per_annotator.length === 0 ? (
          <p className="rounded-lg border border-gray-200 bg-white p-4 text-sm text-gray-700">No annotators yet.</p>
        ) : (
          <QualityTable rows={quality.per_annotator} nameOf={nameOf} pseudonymShown sort={sort} dir={dir} basePath={`/admin/projects/${quality.project}/quality`} statusCell={statusCell} />
        )}
      </section>
    </div>
  );
}
