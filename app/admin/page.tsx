import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { assertCanUseAdminArea, canCreateProjects, isAdmin } from "@/lib/permissions";
import { guardPage } from "@/lib/http/page-guard";
import { listProjects } from "@/lib/projects/list-projects";
import { ProgressBar } from "@/components/ui/progress-bar";
import { buttonClass } from "@/components/ui/button";
import { StatusBadge } from "@/components/admin/status-badge";
import { Pagination, readBack, readCursor } from "@/components/admin/pagination";
import { numberFormat } from "@/components/admin/format";

export const metadata: Metadata = { title: "Projects" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AdminHome({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor("/admin");
  const params = await searchParams;
  const cursor = readCursor(params.cursor);
  const { projects, next_cursor } = await guardPage(() => {
    assertCanUseAdminArea(actor);
    return listProjects({ actor, cursor, limit: 50 });
  }, "/admin");
  const n = numberFormat.format;
  return (
    <main className="mx-auto max-w-6xl px-4 py-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">Projects</h1>
        <span className="text-sm text-gray-600">{isAdmin(actor) ? "All projects" : "Projects you lead"}</span>
        {canCreateProjects(actor) ? (
          <Link href="/admin/projects/new" className={`${buttonClass("primary")} ml-auto`}>
            New project
          </Link>
        ) : null}
      </div>
      {projects.length === 0 && !cursor ? (
        <div className="mt-6 rounded-lg border border-dashed border-gray-300 bg-white p-6 text-sm text-gray-700">
          <p>No projects yet. Create one, write its guidelines, import pairs, and invite annotators.</p>
        </div>
      ) : (
        <ul className="mt-4 divide-y divide-gray-200 rounded-lg border border-gray-200 bg-white">
          {projects.map((project) => {
            const p = project.progress;
            return (
              <li key={project.slug} className="grid gap-3 px-4 py-3 md:grid-cols-[minmax(0,1.3fr)_minmax(0,1fr)_minmax(0,1fr)] md:items-center">
                <div className="min-w-0">
                  <div className="flex flex-wrap items-center gap-2">
                    <Link href={`/admin/projects/${project.slug}`} className="truncate font-semibold text-blue-800 hover:underline">
                      {project.name}
                    </Link>
                    <StatusBadge status={project.status} />
                  </div>
                  <div className="mt-0.5 truncate font-mono text-xs text-gray-600">{project.slug}</div>
                </div>
                <div className="text-sm">
                  <div className="flex justify-between gap-2 text-gray-700">
                    <span>Items complete</span>
                    <span className="tabular-nums">
                      {n(p.items_complete)} / {n(p.items)}
                    </span>
                  </div>
                  <ProgressBar value={p.items_complete} max={p.items} label={`Items complete in ${project.name}`} />
                </div>
                <div className="text-sm">
                  <div className="flex justify-between gap-2 text-gray-700">
                    <span>Judgments</span>
                    <span className="tabular-nums">
                      {n(p.judgments)} / {n(p.wanted)}
                    </span>
                  </div>
                  <ProgressBar value={p.judgments} max={p.wanted} label={`Judgments in ${project.name}`} tone="gray" />
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <Pagination basePath="/admin" params={{}} cursor={cursor} back={readBack(params.back)} nextCursor={next_cursor} />
    </main>
  );
}
