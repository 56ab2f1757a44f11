import "server-only";
import { assertQualitySettings } from "@/lib/quality/assert-quality-settings";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Project } from "@/lib/generated/prisma/client";
import { canCreateProjects, type Actor } from "@/lib/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { isUniqueViolation } from "@/lib/judgments/is-unique-violation";
import { createProjectInput, type CreateProjectInput } from "@/lib/validations/project";
import { parseProjectInput } from "./parse-project-input";

/**
 * Creates a project (admins and leads only). The creator becomes its lead, so
 * a lead sees the project they just made; the guidelines are stored as
 * version 1, which judgments made now will record.
 */
export async function createProject(options: { actor: Actor; input: CreateProjectInput }): Promise<Project> {
  const { actor } = options;
  if (!canCreateProjects(actor)) throw new AppError("forbidden", "Only leads and admins can create projects.");
  const parsedInput = parseProjectInput(createProjectInput, options.input);
  // Under adaptive overlap the fixed overlap column follows K, so "items × overlap" stays the most the project can cost.
  const input = parsedInput.overlap_max != null ? { ...parsedInput, overlap: parsedInput.overlap_max } : parsedInput;
  const taken = () => new AppError("conflict", `The slug "${input.slug}" is taken; choose another.`, { field: "slug" });
  if (await db.project.findUnique({ where: { slug: input.slug }, select: { id: true } })) throw taken();
  try {
    return await db.$transaction(async (tx) => {
      const project = await tx.project.create({
        data: {
          slug: input.slug,
          name: input.name,
          description: input.description,
          guidelines: input.guidelines,
          guidelinesVersion: 1,
          scale: input.scale,
          allowTie: input.allow_tie,
          requireRationale: input.require_rationale,
          overlap: input.overlap,
          attributes: input.attributes,
          status: input.status,
          leaseMinutes: input.lease_minutes,
          overlapMin: input.overlap_min ?? null,
          overlapMax: input.overlap_max ?? null,
          stopShare: input.stop_share,
          stopOn: input.stop_on,
          goldRate: input.gold_rate,
          qualificationItems: input.qualification_items,
          qualificationPassMark: input.qualification_pass_mark,
          goldFeedback: input.gold_feedback,
          pauseBelowAccuracy: input.pause_below_accuracy,
          pauseMinGold: input.pause_min_gold,
          goldWindow: input.gold_window,
          recheckRate: input.recheck_rate,
          recheckMinGap: input.recheck_min_gap,
          sampling: input.sampling,
          guidelineVersions: { create: { version: 1, text: input.guidelines } },
          memberships: { create: { userId: actor.id, role: "LEAD" } },
        },
      });
      await assertQualitySettings(tx, project.id, project);
      await recordAuditEvent(
        { actorId: actor.id, projectId: project.id, action: "project.created", details: { slug: project.slug, name: project.name } },
        tx,
      );
      return project;
    });
  } catch (error) {
    // Two creators racing for one slug: the unique index decides, the loser gets the same 409.
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
}
