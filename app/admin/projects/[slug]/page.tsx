import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { guardPage } from "@/lib/http/page-guard";
import { getProjectForActor } from "@/lib/permissions";
import { getProjectStats } from "@/lib/projects/get-project-stats";
import { ProgressBar } from "@/components/ui/progress-bar";
import { buttonClass } from "@/components/ui/button";
import { numberFormat } from "@/components/admin/format";
import { TimeAgo } from "@/components/admin/time-ago";

export const metadata: Metadata = { title: "Project overview" };
export const dynamic = "force-dynamic";

export default async function ProjectOverviewPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await requireActor(`/admin/projects/${slug}`);
  const project = await guardPage(() => getProjectForActor({ actor, slug, access: "lead" }));
  const stats = await getProjectStats({ projectId: project.id });
  const n = numberFormat.format;
  const base = `/admin/projects/${project.slug}`;
  const steps = [
    { done: stats.items > 0, label: "Import pairs", href: `${base}/import` },
    { done: stats.members > 1, label: "Invite annotators", href: `${base}/members` },
    { done: project.status === "ACTIVE", label: "Set the project to active", href: `${base}/settings` },
  ];
  const tiles: Array<[string, React.ReactNode]> = [
    ["Annotators who judged", n(stats.annotators)],
    ["Members", n(stats.members)],
    ["Pairs held now", n(stats.active_leases)],
    [
      "Skips",
      stats.skips > 0 ? (
        <Link key="s" href={`${base}/skips`} className="text-blue-800 underline">
          {n(stats.skips)}
          <span className="sr-only"> skips: see the reasons</span>
        </Link>
      ) : (
        n(stats.skips)
      ),
    ],
    ["Tie rate", stats.tie_rate === null ? "—" : `${Math.round(stats.tie_rate * 100)}%`],
    ["Last judgment", <TimeAgo key="t" date={stats.last_judgment_at} />],
  ];
  return (
    <div className="space-y-5">
      {project.description ? <p className="text-sm text-gray-700">{project.description}</p> : null}
      <section aria-labelledby="progress-title" className="grid gap-4 rounded-lg border border-gray-200 bg-white p-4 md:grid-cols-2">
        <h2 id="progress-title" className="sr-only">
          Progress
        </h2>
        <div>
          <div className="flex justify-between text-sm">
            <span className="font-medium">Items complete</span>
            <span className="tabular-nums text-gray-700">
              {n(stats.items_complete)} of {n(stats.items)}
            </span>
          </div>
          <ProgressBar value={stats.items_complete} max={stats.items} label="Items complete" />
          <p className="mt-1 text-xs text-gray-600">
            {project.overlapMin !== null && project.overlapMax !== null
              ? `An item is complete when its ${project.overlapMin} to ${project.overlapMax} judgments agree enough, or at ${project.overlapMax}.`
              : `An item is complete with ${project.overlap} judgments.`}
          </p>
        </div>
        <div>
          <div className="flex justify-between text-sm">
            <span className="font-medium">Judgments</span>
            <span className="tabular-nums text-gray-700">
              {n(stats.judgments)} of {n(stats.wanted)}
            </span>
          </div>
          <ProgressBar value={stats.judgments} max={stats.wanted} label="Judgments made of those wanted" tone="gray" />
        </div>
      </section>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {tiles.map(([label, value]) => (
          <div key={label} className="rounded-lg border border-gray-200 bg-white px-3 py-2">
            <dt className="text-xs text-gray-600">{label}</dt>
            <dd className="mt-0.5 text-lg font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      {steps.some((s) => !s.done) ? (
        <section aria-labelledby="steps-title" className="rounded-lg border border-gray-200 bg-white p-4">
          <h2 id="steps-title" className="text-sm font-semibold">
            Getting started
          </h2>
          <ol className="mt-2 space-y-1.5 text-sm">
            {steps.map((step) => (
              <li key={step.label} className="flex items-center gap-2">
                <span aria-hidden="true" className={step.done ? "text-green-700" : "text-gray-400"}>
                  {step.done ? "✓" : "○"}
                </span>
                {step.done ? (
                  <span className="text-gray-600 line-through">{step.label}</span>
                ) : (
                  <Link href={step.href} className="text-blue-800 underline">
                    {step.label}
                  </Link>
                )}
                <span className="sr-only">{step.done ? "(done)" : "(to do)"}</span>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Link href={`${base}/import`} className={buttonClass("secondary")}>
          Import pairs
        </Link>
        <Link href={`${base}/members`} className={buttonClass("secondary")}>
          Invite annotators
        </Link>
        <Link href={`${base}/export`} className={buttonClass("secondary")}>
          Export
        </Link>
        {project.memberRole ? (
          <Link href={`/projects/${project.slug}`} className={buttonClass("ghost")}>
            Annotate this project
          </Link>
        ) : null}
      </div>
    </div>
  );
}
