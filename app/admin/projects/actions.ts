"use server";

import { z } from "zod";
import { safeAction } from "@/lib/actions/safe-action";
import { assertCanUseAdminArea } from "@/lib/permissions";
import { renderMarkdown } from "@/lib/markdown/render-markdown";
import { createProject } from "@/lib/projects/create-project";
import { createProjectInput, GUIDELINES_MAX_BYTES } from "@/lib/validations/project";

/** New project from the admin form; createProject checks the actor may create projects. */
export const createProjectAction = safeAction(z.object({ project: z.null(), values: createProjectInput }), async (input, actor) => {
  const project = await createProject({ actor, input: input.values });
  return { slug: project.slug };
});

/** The guidelines' live preview: markdown to sanitized HTML on the server, for leads and admins. */
export const previewMarkdownAction = safeAction(z.object({ text: z.string().max(GUIDELINES_MAX_BYTES) }), async (input, actor) => {
  assertCanUseAdminArea(actor);
  return { html: await renderMarkdown(input.text) };
});
