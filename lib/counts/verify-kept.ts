import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { verifyAgreementStats } from "@/lib/agreement/verify-agreement-stats";
import { verifyCounts, type CountDifference } from "./verify-counts";

export type KeptReport = {
  projects: number;
  /** Differences found per kept table: the progress counts, then the agreement and leaderboard statistics (0 everywhere when all is right). */
  found: Record<string, number>;
  /** The first few of each table, to show; `stored`/`expected` null: the row is missing on that side. */
  differences: (CountDifference | { table: string; key: Record<string, unknown>; stored: Record<string, unknown> | null; expected: Record<string, unknown> | null })[];
  /** Projects (ids) whose counts or statistics were rebuilt (with `fix`). */
  fixed: string[];
};

/**
 * Everything Pairwise keeps instead of recounting (docs/architecture.md,
 * "Counters" and "Agreement and leaderboard statistics"), checked against the
 * rows in one report: verifyCounts, then verifyAgreementStats. With `fix`,
 * each repairs what it found. Reads every judgment of the projects it checks:
 * the CLI's `verify-counts`, never a page.
 *
 * @internal caller has checked access (an operator's CLI)
 */
export async function verifyKept(options: { slug?: string; fix?: boolean } = {}): Promise<KeptReport> {
  let projectId: string | undefined;
  if (options.slug) {
    const project = await db.project.findUnique({ where: { slug: options.slug }, select: { id: true } });
    if (!project) throw new AppError("not_found", `No project with the slug "${options.slug}".`);
    projectId = project.id;
  }
  const counts = await verifyCounts({ slug: options.slug, fix: options.fix });
  const stats = await verifyAgreementStats({ projectId, fix: options.fix });
  return {
    projects: counts.projects,
    found: { ...counts.found, ...stats.found },
    differences: [...counts.differences, ...stats.differences],
    fixed: [...new Set([...counts.fixed, ...stats.fixed])].sort(),
  };
}

export function hasKeptDifferences(report: KeptReport): boolean {
  return Object.values(report.found).some((n) => n > 0);
}
