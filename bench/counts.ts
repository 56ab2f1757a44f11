/**
 * Progress reads on a large project: `DATABASE_URL=… npx tsx --conditions react-server bench/counts.ts [--slug bench-large]`.
 * Times the lib functions behind the project overview (getProjectStats, also
 * REST `stats`), the progress page (getProgressDashboard), the project lists
 * (readProjectProgress) and the annotation screen's progress
 * (getAnnotatorProgress): one warm-up, then the median of three. Seed the
 * project first with `npm run bench:seed`. Prints and writes bench/results/counts.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";
import { getProjectStats } from "@/lib/projects/get-project-stats";
import { getProgressDashboard } from "@/lib/progress/get-progress-dashboard";
import { readProjectProgress } from "@/lib/projects/read-project-progress";
import { getAnnotatorProgress } from "@/lib/assignment/get-annotator-progress";
import { argValue } from "./lib/args";

async function median(work: () => Promise<unknown>): Promise<number> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return Math.round(times.sort((a, b) => a - b)[1]! * 10) / 10;
}

async function main() {
  const slug = argValue("slug", "bench-large");
  const project = await db.project.findUniqueOrThrow({ where: { slug } });
  const admin = await db.user.upsert({
    where: { email: "bench-counts-admin@example.com" },
    create: { email: "bench-counts-admin@example.com", name: "bench admin", role: "ADMIN" },
    update: {},
    select: { id: true, email: true, name: true, role: true },
  });
  const member = await db.membership.findFirstOrThrow({ where: { projectId: project.id }, select: { userId: true } });
  const ms = {
    stats: await median(() => getProjectStats({ projectId: project.id })),
    progress_dashboard: await median(() => getProgressDashboard({ actor: admin, slug })),
    project_progress: await median(() => readProjectProgress([project])),
    annotator_progress: await median(() => getAnnotatorProgress({ userId: member.userId, projectId: project.id })),
  };
  const result = { slug, items: (await readProjectProgress([project])).get(project.id), ms };
  console.log(JSON.stringify(result, null, 2));
  const dir = path.join(__dirname, "results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, argValue("out", "counts.json")), JSON.stringify(result, null, 2) + "\n");
  await db.$disconnect();
}

void main();
