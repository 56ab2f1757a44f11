import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { guardPage } from "@/lib/http/page-guard";
import { AppError } from "@/lib/errors";
import { canCreateProjects } from "@/lib/permissions";
import { ProjectForm } from "@/components/admin/project-form";
import { createProjectAction, previewMarkdownAction } from "../actions";

export const metadata: Metadata = { title: "New project" };
export const dynamic = "force-dynamic";

const starterGuidelines = `## Task

Read the prompt, then both responses. Choose the response that answers the prompt better, and say how much better.

## What "better" means here

- Correct before fluent.
- Follows the instructions in the prompt.
- Refuses only what is actually harmful.

Mark **both are bad** when neither response is acceptable.
`;

export default async function NewProjectPage() {
  const actor = await requireActor("/admin/projects/new");
  await guardPage(() => {
    if (!canCreateProjects(actor)) throw new AppError("forbidden", "Only leads and admins can create projects.");
  });
  return (
    <main className="mx-auto max-w-6xl px-4 py-6">
      <nav aria-label="Breadcrumb" className="text-sm text-gray-600">
        <Link href="/admin" className="hover:underline">
          Projects
        </Link>{" "}
        / New
      </nav>
      <h1 className="mt-1 text-2xl font-semibold">New project</h1>
      <p className="mt-1 text-sm text-gray-700">You become its lead. Start it as a draft, import pairs, then set it to active.</p>
      <div className="mt-5">
        <ProjectForm
          mode="create"
          save={createProjectAction}
          preview={previewMarkdownAction}
          initial={{
            name: "",
            slug: "",
            description: "",
            guidelines: starterGuidelines,
            scale: 3,
            allow_tie: true,
            require_rationale: false,
            overlap: 3,
            overlap_min: null,
            overlap_max: null,
            stop_share: 0.75,
            stop_on: "share",
            lease_minutes: 30,
            attributes: [],
            status: "DRAFT",
          }}
        />
      </div>
    </main>
  );
}
