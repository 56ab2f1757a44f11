import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { guardPage } from "@/lib/http/page-guard";
import { getProgressDashboard } from "@/lib/progress/get-progress-dashboard";
import { Table, Td, Th } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { DailyChart } from "@/components/admin/daily-chart";
import { TimeAgo } from "@/components/admin/time-ago";
import { formatSeconds } from "@/components/admin/format";
import { getProjectForActor } from "@/lib/permissions";
import { readAdaptiveProgress } from "@/lib/assignment/adaptive-progress";
import { AdaptiveOverlapPanel } from "@/components/admin/adaptive-overlap-panel";

export const metadata: Metadata = { title: "Progress" };
export const dynamic = "force-dynamic";

export default async function ProgressPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await requireActor(`/admin/projects/${slug}/progress`);
  const dash = await guardPage(() => getProgressDashboard({ actor, slug }));
  const project = await guardPage(() => getProjectForActor({ actor, slug, access: "lead" }));
  const adaptive = await readAdaptiveProgress(project.id);
  return (
    <div className="space-y-6">
      <section aria-labelledby="active-title" className="rounded-lg border border-gray-200 bg-white p-3">
        <h2 id="active-title" className="text-sm font-semibold">
          Active now <span className="font-normal text-gray-600">(a judgment, skip or pair taken in the last {dash.activeMinutes} minutes)</span>
        </h2>
        {dash.activeNow.length ? (
          <ul className="mt-2 flex flex-wrap gap-2">
            {dash.activeNow.map((a) => (
              <li key={a.userId} className="rounded-full border border-green-200 bg-green-50 px-2.5 py-0.5 text-sm text-green-950">
                {a.name} · <TimeAgo date={a.lastActiveAt} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-1 text-sm text-gray-600">Nobody right now.</p>
        )}
      </section>

      <AdaptiveOverlapPanel slug={slug} progress={adaptive} />

      <DailyChart days={dash.days} title="Judgments per day" />

      <section aria-labelledby="annotators-title" className="space-y-2">
        <h2 id="annotators-title" className="text-lg font-semibold">
          Annotators
        </h2>
        {dash.annotators.length === 0 ? (
          <p className="text-sm text-gray-600">
            No annotators yet.{" "}
            <Link href={`/admin/projects/${slug}/members`} className="text-blue-800 underline">
              Invite some
            </Link>
            .
          </p>
        ) : (
          <Table caption="Work per annotator">
            <thead>
              <tr>
                <Th>Annotator</Th>
                <Th className="text-right">Judgments</Th>
                <Th className="text-right">Median time</Th>
                <Th className="text-right">Skips</Th>
                <Th>Last active</Th>
              </tr>
            </thead>
            <tbody>
              {dash.annotators.map((a) => (
                <tr key={a.userId}>
                  <Td>
                    <span className="font-medium">{a.name}</span> <span className="text-xs text-gray-600">{a.email}</span>
                    {a.member ? null : (
                      <span className="ml-1">
                        <Badge title="Not a member: judgments imported or made before removal">not a member</Badge>
                      </span>
                    )}
                  </Td>
                  <Td className="text-right tabular-nums">{a.judgments.toLocaleString("en-US")}</Td>
                  <Td className="text-right tabular-nums">{formatSeconds(a.medianSeconds)}</Td>
                  <Td className="text-right tabular-nums">{a.skips}</Td>
                  <Td className="whitespace-nowrap">
                    <TimeAgo date={a.lastActiveAt} />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
    </div>
  );
}
