import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session";
import { guardPage } from "@/lib/http/page-guard";
import { getProjectForActor } from "@/lib/permissions";
import { listGuidelinesVersions } from "@/lib/projects/list-guidelines-versions";
import { getProjectStats } from "@/lib/projects/get-project-stats";
import { projectAttributes } from "@/lib/validations/project";
import { ProjectForm } from "@/components/admin/project-form";
import { formatDateTime } from "@/components/admin/format";
import { previewMarkdownAction } from "../../actions";
import { QualitySettingsForm } from "@/components/admin/quality-settings-form";
import { db } from "@/lib/db";
import { SamplingSettingsForm } from "@/components/admin/sampling-settings-form";
import { listModelPairs } from "@/lib/assignment/refresh-pair-priorities";
import { updateProjectAction, updateQualitySettingsAction, updateSamplingSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Project settings" };
export const dynamic = "force-dynamic";

export default async function ProjectSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await requireActor(`/admin/projects/${slug}/settings`);
  const project = await guardPage(() => getProjectForActor({ actor, slug, access: "lead" }));
  const [versions, stats, goldItems, modelPairs] = await Promise.all([
    listGuidelinesVersions({ actor, slug }),
    getProjectStats({ projectId: project.id }),
    db.item.count({ where: { projectId: project.id, goldPreference: { not: null } } }),
    listModelPairs(project.id),
  ]);
  const attributes = projectAttributes.safeParse(project.attributes);
  return (
    <div className="space-y-8">
      <section aria-labelledby="settings-title">
        <h2 id="settings-title" className="mb-3 text-lg font-semibold">
          Settings
        </h2>
        <ProjectForm
          mode="edit"
          save={updateProjectAction}
          preview={previewMarkdownAction}
          scaleLocked={stats.judgments > 0}
          initial={{
            name: project.name,
            slug: project.slug,
            description: project.description,
            guidelines: project.guidelines,
            scale: project.scale,
            allow_tie: project.allowTie,
            require_rationale: project.requireRationale,
            overlap: project.overlap,
            overlap_min: project.overlapMin,
            overlap_max: project.overlapMax,
            stop_share: project.stopShare,
            stop_on: project.stopOn === "bound" ? "bound" : "share",
            lease_minutes: project.leaseMinutes,
            attributes: attributes.success ? attributes.data : [],
            status: project.status,
          }}
        />
      </section>
      <section aria-labelledby="quality-title">
        <h2 id="quality-title" className="mb-3 text-lg font-semibold">
          Quality controls
        </h2>
        <QualitySettingsForm
          slug={project.slug}
          goldItems={goldItems}
          save={updateQualitySettingsAction}
          initial={{
            gold_rate: project.goldRate,
            qualification_items: project.qualificationItems,
            qualification_pass_mark: project.qualificationPassMark,
            gold_feedback: project.goldFeedback === "training" ? "training" : "audit",
            pause_below_accuracy: project.pauseBelowAccuracy,
            pause_min_gold: project.pauseMinGold,
            gold_window: project.goldWindow,
            recheck_rate: project.recheckRate,
            recheck_min_gap: project.recheckMinGap,
          }}
        />
      </section>
      <section aria-labelledby="sampling-title">
        <h2 id="sampling-title" className="mb-3 text-lg font-semibold">
          Sampling
        </h2>
        <SamplingSettingsForm
          slug={project.slug}
          initial={project.sampling === "leaderboard" ? "leaderboard" : "uniform"}
          modelPairs={modelPairs.length}
          save={updateSamplingSettingsAction}
        />
      </section>
      <section aria-labelledby="versions-title">
        <h2 id="versions-title" className="text-lg font-semibold">
          Guidelines history
        </h2>
        <p className="mt-1 text-sm text-gray-700">Each judgment records the version in force when it was made.</p>
        {versions.length === 0 ? (
          <p className="mt-2 text-sm text-gray-600">No versions saved yet.</p>
        ) : (
          <ul className="mt-2 divide-y divide-gray-200 rounded-lg border border-gray-200 bg-white">
            {versions.map((v) => (
              <li key={v.version} className="px-4 py-2">
                <details>
                  <summary className="cursor-pointer text-sm">
                    <span className="font-medium">Version {v.version}</span>
                    {v.version === project.guidelinesVersion ? <span className="ml-2 text-xs text-gray-600">(current)</span> : null}
                    <span className="ml-2 text-xs text-gray-600">{formatDateTime(v.createdAt)}</span>
                    <span className="ml-2 text-xs text-gray-500">{v.text.length.toLocaleString("en-US")} characters</span>
                  </summary>
                  <pre className="mt-2 max-h-80 overflow-auto rounded bg-gray-50 p-3 font-mono text-xs whitespace-pre-wrap">{v.text || "(empty)"}</pre>
                </details>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
