import "server-only";
import { db } from "@/lib/db";
import { getProjectForActor, type Actor } from "@/lib/permissions";

export type GuidelinesVersionEntry = { version: number; text: string; createdAt: Date };

/**
 * Every kept version of a project's guidelines, newest first (its leads and
 * admins). Judgments record the version they were made under, so a lead can
 * read what an annotator was looking at.
 */
export async function listGuidelinesVersions(options: { actor: Actor; slug: string; limit?: number }): Promise<GuidelinesVersionEntry[]> {
  const project = await getProjectForActor({ actor: options.actor, slug: options.slug, access: "lead" });
  return db.guidelinesVersion.findMany({
    where: { projectId: project.id },
    orderBy: { version: "desc" },
    take: Math.min(Math.max(options.limit ?? 50, 1), 500),
    select: { version: true, text: true, createdAt: true },
  });
}
