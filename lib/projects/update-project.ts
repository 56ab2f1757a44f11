import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma, Project } from "@/lib/generated/prisma/client";
import { getProjectForActor, type Actor } from "@/lib/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { isUniqueViolation } from "@/lib/judgments/is-unique-violation";
import { overlapRangeIssue, updateProjectInput, type UpdateProjectInput } from "@/lib/validations/project";
import { parseProjectInput } from "./parse-project-input";
import { assertQualitySettings } from "@/lib/quality/assert-quality-settings";

// REST field → Project column. Long texts are audited by name only.
const columns = {
  slug: "slug", name: "name", description: "description", guidelines: "guidelines", scale: "scale",
  allow_tie: "allowTie", require_rationale: "requireRationale", overlap: "overlap", attributes: "attributes",
  status: "status", lease_minutes: "leaseMinutes",
  overlap_min: "overlapMin", overlap_max: "overlapMax", stop_share: "stopShare", stop_on: "stopOn",
  gold_rate: "goldRate", qualification_items: "qualificationItems", qualification_pass_mark: "qualificationPassMark",
  gold_feedback: "goldFeedback", pause_below_accuracy: "pauseBelowAccuracy", pause_min_gold: "pauseMinGold",
  gold_window: "goldWindow", recheck_rate: "recheckRate", recheck_min_gap: "recheckMinGap",
  sampling: "sampling",
} as const;
type Field = keyof typeof columns;
const qualityFields = new Set<Field>([
  "gold_rate", "qualification_items", "qualification_pass_mark", "gold_feedback", "pause_below_accuracy",
  "pause_min_gold", "gold_window", "recheck_rate", "recheck_min_gap",
]);
const longFields = new Set<Field>(["guidelines", "description", "attributes"]);

/**
 * Changes a project's settings (its leads and admins). Only fields that really
 * change are written and audited. New guidelines get the next version number
 * and are kept beside the old ones. The scale and ties are fixed once
 * judgments exist: every stored preference was given on them.
 */
export async function updateProject(options: { actor: Actor; slug: string; input: UpdateProjectInput }): Promise<Project> {
  const { actor } = options;
  const current = await getProjectForActor({ actor, slug: options.slug, access: "lead" });
  const parsedInput = parseProjectInput(updateProjectInput, options.input);
  // Under adaptive overlap the fixed overlap column follows K, so "items × overlap" stays the most the project can cost.
  const input = parsedInput.overlap_max != null ? { ...parsedInput, overlap: parsedInput.overlap_max } : parsedInput;
  const changed = (Object.keys(columns) as Field[]).filter(
    (field) => input[field] !== undefined && canonical(input[field]) !== canonical(current[columns[field]]),
  );
  const { memberRole: _role, ...project } = current;
  if (changed.length === 0) return project;

  // k and K on the merged settings: a PATCH may change one of them.
  const range = overlapRangeIssue(
    input.overlap_min !== undefined ? input.overlap_min : current.overlapMin,
    input.overlap_max !== undefined ? input.overlap_max : current.overlapMax,
  );
  if (range) throw new AppError("unprocessable", `${range.field}: ${range.message.charAt(0).toLowerCase()}${range.message.slice(1)}`, { field: range.field });

  const data: Prisma.ProjectUpdateInput = {};
  for (const field of changed) (data as Record<string, unknown>)[columns[field]] = input[field];
  const audit: Record<string, unknown> = {};
  for (const field of changed) {
    audit[field] = longFields.has(field) ? true : { from: current[columns[field]], to: input[field] };
  }
  try {
    return await db.$transaction(async (tx) => {
      if (changed.includes("scale") || changed.includes("allow_tie")) {
        // Checked inside the transaction, next to the write it guards.
        const judged = await tx.judgment.findFirst({ where: { item: { projectId: current.id } }, select: { id: true } });
        if (judged) {
          throw new AppError(
            "conflict",
            "The scale and whether ties are allowed cannot change once the project has judgments: every stored preference was given on them. Create a new project instead.",
          );
        }
      }
      if (changed.some((field) => qualityFields.has(field))) await assertQualitySettings(tx, current.id, { ...current, ...data } as Project);
      if (changed.includes("guidelines")) data.guidelinesVersion = { increment: 1 };
      const updated = await tx.project.update({ where: { id: current.id }, data });
      if (changed.includes("guidelines")) {
        await tx.guidelinesVersion.create({ data: { projectId: current.id, version: updated.guidelinesVersion, text: updated.guidelines } });
        audit.guidelines = { version: updated.guidelinesVersion };
      }
      await recordAuditEvent({ actorId: actor.id, projectId: current.id, action: "project.updated", details: { changed, fields: audit } }, tx);
      return updated;
    });
  } catch (error) {
    if (changed.includes("slug") && isUniqueViolation(error)) throw new AppError("conflict", `The slug "${input.slug}" is taken; choose another.`, { field: "slug" });
    throw error;
  }
}

// jsonb hands keys back in its own order: compare attribute lists by content, not key order.
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, entry: unknown) =>
    entry && typeof entry === "object" && !Array.isArray(entry)
      ? Object.fromEntries(Object.entries(entry).sort(([a], [b]) => a.localeCompare(b)))
      : entry,
  );
}
