import type { Project } from "@/lib/generated/prisma/client";
import { projectAttributes } from "@/lib/validations/project";
import type { ProjectJson } from "@/lib/validations/project-response";

export type ProjectRow = Pick<
  Project,
  | "id" | "slug" | "name" | "description" | "guidelines" | "guidelinesVersion" | "scale" | "allowTie"
  | "requireRationale" | "overlap" | "attributes" | "status" | "leaseMinutes" | "createdAt" | "updatedAt"
> & Partial<Pick<Project, "goldRate" | "qualificationItems" | "qualificationPassMark" | "goldFeedback" | "pauseBelowAccuracy" | "pauseMinGold" | "goldWindow" | "recheckRate" | "recheckMinGap" | "sampling">> &
  Partial<Pick<Project, "overlapMin" | "overlapMax" | "stopShare" | "stopOn">>;

/** A project as the REST API shows it (snake_case, lowercase status; docs/formats.md). */
export function toProjectJson(project: ProjectRow): ProjectJson {
  // A malformed attributes column (written by hand) shows as no questions, as the judgment checks treat it.
  const attributes = projectAttributes.safeParse(project.attributes);
  return {
    id: project.id,
    slug: project.slug,
    name: project.name,
    description: project.description,
    guidelines: project.guidelines,
    guidelines_version: project.guidelinesVersion,
    scale: project.scale,
    allow_tie: project.allowTie,
    require_rationale: project.requireRationale,
    overlap: project.overlap,
    overlap_min: project.overlapMin ?? null,
    overlap_max: project.overlapMax ?? null,
    stop_share: project.stopShare ?? 0.75,
    stop_on: project.stopOn === "bound" ? "bound" : "share",
    attributes: attributes.success ? attributes.data : [],
    status: project.status.toLowerCase() as ProjectJson["status"],
    lease_minutes: project.leaseMinutes,
    gold_rate: project.goldRate ?? 0,
    qualification_items: project.qualificationItems ?? 0,
    qualification_pass_mark: project.qualificationPassMark ?? 0.8,
    gold_feedback: project.goldFeedback === "training" ? "training" : "audit",
    pause_below_accuracy: project.pauseBelowAccuracy ?? null,
    pause_min_gold: project.pauseMinGold ?? 10,
    gold_window: project.goldWindow ?? 20,
    recheck_rate: project.recheckRate ?? 0,
    recheck_min_gap: project.recheckMinGap ?? 5,
    sampling: project.sampling === "leaderboard" ? "leaderboard" : "uniform",
    created_at: project.createdAt.toISOString(),
    updated_at: project.updatedAt.toISOString(),
  };
}
