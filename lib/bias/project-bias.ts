import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createJudgmentCollector } from "@/lib/agreement/collect-judgments";
import { getPseudonymKey, pseudonymizer } from "@/lib/export/pseudonym";
import { computeBias, type BiasReport } from "./compute-bias";
import { readStyledItems } from "./read-styled-items";
import { STYLE_FEATURES } from "./style-features";

export type ProjectBias = BiasReport;

/**
 * @internal caller has checked access
 *
 * Position, length and formatting bias of a project's judgments, for the
 * project and per annotator (docs/formats.md, "Bias diagnostics"). The same
 * deduplication (latest judgment per item and annotator) and pseudonyms as
 * the agreement figures, so the position figures equal `side_bias` there.
 * Each item's responses are read once per call and reduced to their style
 * features at once (readStyledItems); nothing is cached.
 */
export async function getProjectBias({ projectId, batchSize, signal }: { projectId: string; batchSize?: number; signal?: AbortSignal }): Promise<ProjectBias> {
  const project = await db.project.findUnique({ where: { id: projectId }, select: { id: true } });
  if (!project) throw new AppError("not_found", "project not found");
  const label = pseudonymizer(await getPseudonymKey(projectId));
  const collector = createJudgmentCollector();
  const F = STYLE_FEATURES.length;
  const featuresOf = new Map<string, Float64Array>();
  for await (const batch of readStyledItems({ projectId, batchSize, signal })) {
    for (const item of batch) {
      const f = new Float64Array(2 * F);
      STYLE_FEATURES.forEach((name, q) => {
        f[q] = item.a[name];
        f[F + q] = item.b[name];
      });
      featuresOf.set(item.externalId, f);
      for (const j of item.judgments) {
        collector.add({ itemId: item.externalId, annotator: label(j.userId), preference: j.preference, shownSwapped: j.shownSwapped, createdAt: j.createdAt });
      }
    }
  }
  const table = collector.build();
  const features = new Float64Array(table.itemIds.length * 2 * F).fill(NaN);
  table.itemIds.forEach((id, i) => {
    const f = featuresOf.get(id);
    if (f) features.set(f, i * 2 * F);
  });
  return computeBias(table, features);
}
