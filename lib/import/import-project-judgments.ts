import "server-only";
import { getProjectForActor, type Actor } from "@/lib/permissions";
import { importJudgments, type ImportJudgmentsReport } from "./import-judgments";
import type { SourceFactory } from "./sources";

/**
 * A judgment import as a lead runs it (REST upload, CLI): access checked
 * here (leads of the project and admins), then the file merged and audited
 * by importJudgments. Mirrors importProjectItems; callers check nothing
 * themselves. The source must re-open (all-or-nothing reads it twice).
 */
export async function importProjectJudgments(options: {
  actor: Actor;
  slug: string;
  source: SourceFactory;
  onError: "abort" | "skip";
  dryRun?: boolean;
  /** For the audit record: where the file came from (`rest`, `admin`, `cli`) and its name or size. */
  origin?: { via: string; filename?: string; bytes?: number };
}): Promise<ImportJudgmentsReport> {
  const project = await getProjectForActor({ actor: options.actor, slug: options.slug, access: "lead" });
  return importJudgments({
    actor: options.actor,
    projectId: project.id,
    source: options.source,
    onError: options.onError,
    dryRun: options.dryRun,
    origin: options.origin,
  });
}
