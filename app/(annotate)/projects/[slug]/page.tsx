import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { getProjectForActor } from "@/lib/permissions";
import { guardPage } from "@/lib/http/page-guard";
import { renderMarkdown } from "@/lib/markdown/render-markdown";
import { scaleLabels } from "@/lib/scale/preference-scale";
import { projectAttributes } from "@/lib/validations/project";
import { Annotator } from "@/components/annotate/annotator";
import { getAnnotatorProgress } from "@/lib/assignment/get-annotator-progress";
import { hasRankingItems } from "@/lib/ranking-items/read-ranking-agreement";
import { judgedNoun } from "@/lib/annotate/progress-text";

/** "N left for you" counts up to this many (then "1,000+"). */
const AVAILABLE_LIMIT = 1000;

export const metadata: Metadata = { title: "Annotate" };
export const dynamic = "force-dynamic";

export default async function AnnotatePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await requireActor(`/projects/${slug}`);
  const project = await guardPage(() => getProjectForActor({ actor, slug, access: "view" }));
  const ranking = await hasRankingItems(project.id);
  if (project.status !== "ACTIVE") {
    return (
      <main className="mx-auto max-w-lg p-10 text-center">
        <h1 className="text-xl font-semibold">{project.name}</h1>
        <p className="mt-2 text-gray-700">This project is {project.status.toLowerCase()}: no {judgedNoun(ranking)} are handed out now.</p>
        <Link href="/projects" className="mt-4 inline-block underline">
          Back to my projects
        </Link>
      </main>
    );
  }
  const progress = await getAnnotatorProgress({ userId: actor.id, projectId: project.id, availableLimit: AVAILABLE_LIMIT });
  return (
    <Annotator
      config={{
        userId: actor.id,
        slug: project.slug,
        projectName: project.name,
        options: scaleLabels(project.scale, project.allowTie),
        requireRationale: project.requireRationale,
        attributes: projectAttributes.parse(project.attributes ?? []),
        guidelinesHtml: await renderMarkdown(project.guidelines || "_No guidelines yet._"),
        guidelinesVersion: project.guidelinesVersion,
        progress: { available: progress.available, skipped: progress.skipped, limit: AVAILABLE_LIMIT },
        hasRankingItems: ranking,
      }}
    />
  );
}
