import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { listMyProjects, MY_LEFT_LIMIT } from "@/lib/projects/list-my-projects";
import { progressText } from "@/lib/annotate/progress-text";
import { ProgressBar } from "@/components/ui/progress-bar";

export const metadata: Metadata = { title: "My projects" };
export const dynamic = "force-dynamic";

export default async function MyProjectsPage() {
  const actor = await requireActor("/projects");
  const projects = await listMyProjects(actor);
  return (
    <main className="mx-auto w-full max-w-4xl px-4 py-8">
      <h1 className="text-2xl font-semibold">My projects</h1>
      {projects.length === 0 ? (
        <p className="mt-4 text-gray-700">You are not in any project yet. Open the invite link your project lead sent you.</p>
      ) : (
        <ul className="mt-6 space-y-3">
          {projects.map((project) => (
            <li key={project.slug} className="rounded-lg border border-gray-200 bg-white p-4">
              <div className="flex flex-wrap items-baseline gap-x-3">
                <h2 className="text-lg font-semibold">{project.name}</h2>
                <span className="text-xs uppercase tracking-wide text-gray-500">{project.status.toLowerCase()}</span>
              </div>
              {project.description ? <p className="mt-1 text-sm text-gray-700">{project.description}</p> : null}
              <div className="mt-3 grid gap-2 text-sm sm:grid-cols-2">
                <div>
                  <div className="text-gray-600">
                    You have judged {project.myJudgments} of {project.items} pairs
                    {project.left !== null ? (
                      <>
                        {" · "}
                        <span className="whitespace-nowrap font-medium text-gray-800" data-testid="my-progress">
                          {progressText({ left: project.left, skipped: project.mySkips, capped: project.left >= MY_LEFT_LIMIT })}
                        </span>
                      </>
                    ) : null}
                  </div>
                  <ProgressBar value={project.myJudgments} max={project.items} label={`Your progress in ${project.name}`} />
                </div>
                <div>
                  <div className="text-gray-600">
                    Project: {project.judgments} of {project.wanted} judgments
                  </div>
                  <ProgressBar value={project.judgments} max={project.wanted} label={`Progress of ${project.name}`} tone="gray" />
                </div>
              </div>
              <div className="mt-3">
                {project.status === "ACTIVE" ? (
                  <Link href={`/projects/${project.slug}`} className="inline-block rounded-md bg-blue-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-blue-800">
                    {project.left === 0 ? "Open project" : `${project.myJudgments ? "Continue" : "Start"} annotating`}
                  </Link>
                ) : (
                  <span className="text-sm text-gray-600">This project is {project.status.toLowerCase()}: no pairs are handed out now.</span>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
