"use server";

import { z } from "zod";
import { safeAction } from "@/lib/actions/safe-action";
import { updateProject } from "@/lib/projects/update-project";
import { samplingSettingsInput, updateProjectInput } from "@/lib/validations/project";

/** Saves the settings form; updateProject checks the actor leads the project (or is an admin). */
export const updateProjectAction = safeAction(z.object({ project: z.string().min(1).max(100), values: updateProjectInput }), async (input, actor) => {
  const project = await updateProject({ actor, slug: input.project, input: input.values });
  return { slug: project.slug };
});

/** Saves the sampling form (uniform or leaderboard sampling); the same checks as any settings change. */
export const updateSamplingSettingsAction = safeAction(
  z.object({ project: z.string().min(1).max(100), values: samplingSettingsInput }),
  async (input, actor) => {
    await updateProject({ actor, slug: input.project, input: input.values });
    return { saved: true };
  },
);

/** Saves the quality-controls form (gold, qualification, pause, re-checks); the same checks as any settings change. */
export const updateQualitySettingsAction = safeAction(
  z.object({ project: z.string().min(1).max(100), values: updateProjectInput }),
  async (input, actor) => {
    await updateProject({ actor, slug: input.project, input: input.values });
    return { saved: true };
  },
);
