import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { guardPage } from "@/lib/http/page-guard";
import { getProjectForActor } from "@/lib/permissions";
import { StatusBadge } from "@/components/admin/status-badge";
import { ProjectTabs } from "@/components/admin/project-tabs";

export const dynamic = "force-dynamic";

/** Header and sections of one project, for its leads and admins. Each page below checks access again. */
export default async function ProjectLayout({ children, params }: { children: React.ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await requireActor(`/admin/projects/${slug}`);
  const project = await guardPage(() => getProjectForActor({ actor, slug, access: "lead" }), `/admin/projects/${slug}`);
  // The project's pages are this layout's main landmark (the admin header above is the banner).
  return (
    <main>
      <div className="border-b border-gray-200 bg-white">
        <div className="mx-auto max-w-6xl px-4 pt-4">
          <nav aria-label="Breadcrumb" className="text-sm text-gray-600">
            <Link href="/admin" className="hover:underline">
              Projects
            </Link>{" "}
            / <span className="font-mono">{project.slug}</span>
          </nav>
          <div className="mt-1 flex flex-wrap items-center gap-2">
            <h1 className="text-xl font-semibold">{project.name}</h1>
            <StatusBadge status={project.status} />
            <span className="text-xs text-gray-600">
              scale ±{project.scale} · overlap{" "}
              {project.overlapMin !== null && project.overlapMax !== null ? `${project.overlapMin}–${project.overlapMax} (adaptive)` : project.overlap} · guidelines v{project.guidelinesVersion}
            </span>
          </div>
          <div className="mt-2">
            <ProjectTabs slug={project.slug} />
          </div>
        </div>
      </div>
      <div className="mx-auto max-w-6xl px-4 py-5">{children}</div>
    </main>
  );
}
