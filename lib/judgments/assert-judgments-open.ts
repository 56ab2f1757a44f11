import { AppError } from "@/lib/errors";
import type { ProjectStatus } from "@/lib/generated/prisma/client";

/**
 * Whether judgments of a project may still be written (submitted, changed by
 * Undo, or skipped). An ARCHIVED project is frozen: its data is final and may
 * already have been exported, so every write is a 409, as `next` answers.
 * PAUSED and DRAFT stay open for writes on purpose: a pause stops handing out
 * items, but a judgment made (or queued offline) before the pause, or its
 * correction by Undo, is still human work worth keeping.
 */
export function assertJudgmentsOpen(project: { slug?: string; status: ProjectStatus }): void {
  if (project.status === "ARCHIVED") {
    const name = project.slug ? `Project "${project.slug}"` : "This project";
    throw new AppError("conflict", `${name} is archived: its judgments can no longer be added or changed.`);
  }
}
