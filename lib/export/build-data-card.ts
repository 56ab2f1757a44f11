import { createHash } from "node:crypto";
import { sourceAgreementCard, type SourceAgreementCard } from "@/lib/reference/data-card";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { computeAgreementFromTable, createJudgmentCollector, DEFAULT_MIN_PAIR_ITEMS, type AgreementResult } from "@/lib/agreement";
import { scaleLabels } from "@/lib/scale/preference-scale";
import { computeBias, type BiasFigures } from "@/lib/bias/compute-bias";
import { sideTallies } from "@/lib/bias/position";
import { readItemFeatures } from "@/lib/bias/read-styled-items";
import packageJson from "@/package.json";
import { assertValidFilters, countBothBad, describeFilters, passesItemFilters } from "./item-filters";
import { getPseudonymKey, pseudonymizer } from "./pseudonym";
import { readSummaryGroups } from "./read-item-groups";
import { unitId } from "@/lib/ranking-items/expand-units";
import { resolvePromptFormat } from "./resolve-prompt-format";
import { computeProjectQuality, type ProjectQuality } from "@/lib/quality/project-quality";
import { readProjectProgress } from "@/lib/projects/read-project-progress";
import { readStoredQuality } from "@/lib/views/quality-view";
import type { ConsensusMode, ExportFilters, ExportFormat } from "./types";

export type GuidelinesVersionInfo = { version: number; sha256: string | null; created_at: string | null; judgments: number };
export type Spread = { min: number | null; median: number | null; max: number | null };

/** docs/formats.md, "card": how the exported data was made. snake_case, printed as is. */
export type DataCard = {
  project: { slug: string; name: string };
  guidelines: { text: string; sha256: string; version: number; versions: GuidelinesVersionInfo[] };
  scale: number;
  allow_tie: boolean;
  labels: { value: number; label: string }[];
  overlap: number;
  date_range: { first: string | null; last: string | null };
  counts: { items: number; items_judged: number; judgments: number; annotators: number; judgments_per_annotator: Spread };
  tie_rate: number | null;
  agreement: AgreementResult;
  side_bias: { overall: number | null; per_annotator: Record<string, number | null> };
  /** Position, length and formatting bias over the card's judgments, project level (docs/formats.md, "Bias diagnostics"); `sentences` reads them out. */
  bias: BiasFigures & { sentences: string[] };
  /** Agreement with imported reference labels (lib/reference/data-card.ts); null when there are none. */
  source_agreement: SourceAgreementCard;
  /** The format of the export this card describes. */
  format: ExportFormat;
  /** trl and hh: whose consensus picked chosen and rejected (null for raw, which has none). */
  consensus: ConsensusMode | null;
  /**
   * Per annotator (pseudonym), over the project's whole history (not this
   * export's filters): docs/formats.md, "Annotator quality".
   */
  quality: Record<string, AnnotatorQualityAggregate>;
  /** When the data `quality` was computed from was read (the stored figures' "as of" when they were served stored). */
  quality_as_of: string;
  filters: ReturnType<typeof describeFilters>;
  software: { name: string; version: string };
  generated_at: string;
};

export type AnnotatorQualityAggregate = {
  reliability: number | null;
  gold_accuracy: number | null;
  gold_answered: number;
  self_consistency: number | null;
  rechecks: number;
  majority_agreement: number | null;
};

export type BuildDataCardOptions = {
  projectId: string;
  filters?: ExportFilters;
  /** The export this card goes with (default raw): its `format` and the options that apply to it. */
  format?: ExportFormat;
  signal?: AbortSignal;
  batchSize?: number;
  /**
   * Where `quality` (the project's whole history, whatever the filters) comes
   * from: "computed" here (default: the CLI, and the export page's preview,
   * itself a stored view), or "stored": the quality view's stored result
   * (lib/views/quality-view.ts), for a card answered in a request.
   */
  quality?: "computed" | "stored";
};

/**
 * The project's items for the card: the non-gold ones from the kept histogram
 * (ProjectItemTally, lib/projects/read-project-progress.ts), plus the gold
 * ones on their index unless exclude_gold: never a count over a million rows.
 */
async function countCardItems(project: { id: string; overlap: number }, excludeGold: boolean): Promise<number> {
  const [progress, gold] = await Promise.all([
    readProjectProgress([project]),
    excludeGold ? Promise.resolve(0) : db.item.count({ where: { projectId: project.id, goldPreference: { not: null } } }),
  ]);
  return (progress.get(project.id)?.items ?? 0) + gold;
}

/** The card's quality figures and when their data was read (see BuildDataCardOptions.quality). */
async function cardQuality(projectId: string, source: "computed" | "stored", signal?: AbortSignal, batchSize?: number): Promise<{ quality: ProjectQuality; asOf: Date }> {
  const stored = source === "stored" ? await readStoredQuality(projectId) : null;
  if (stored) return stored;
  const asOf = new Date();
  return { quality: await computeProjectQuality(projectId, { signal, batchSize }), asOf };
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

function spread(values: number[]): Spread {
  if (values.length === 0) return { min: null, median: null, max: null };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { min: sorted[0]!, median, max: sorted[sorted.length - 1]! };
}

/**
 * The data card of an export with these filters: every figure is computed
 * over exactly the judgments a raw export with the same filters contains
 * (ties=drop/keep only changes which trl items get a line, so it changes no
 * figure here). Streams a summary of each judgment, never the texts.
 * Annotators appear only as pseudonyms: a card is meant to be shared.
 *
 * @internal caller has checked access
 */
export async function buildDataCard({ projectId, filters = {}, format = "raw", signal, batchSize, quality: qualitySource = "computed" }: BuildDataCardOptions): Promise<DataCard> {
  assertValidFilters(filters);
  const project = await db.project.findUnique({
    where: { id: projectId },
    select: { id: true, slug: true, name: true, guidelines: true, guidelinesVersion: true, scale: true, allowTie: true, overlap: true },
  });
  if (!project) throw new AppError("not_found", "project not found");
  const [items, storedVersions, key] = await Promise.all([
    countCardItems(project, filters.excludeGold === true),
    db.guidelinesVersion.findMany({ where: { projectId }, orderBy: { version: "asc" }, select: { version: true, text: true, createdAt: true } }),
    getPseudonymKey(projectId),
  ]);

  const label = pseudonymizer(key);
  const collector = createJudgmentCollector();
  const perVersion = new Map<number, number>();
  let itemsJudged = 0;
  let judgments = 0;
  let ties = 0;
  let first: string | null = null;
  let last: string | null = null;
  for await (const batch of readSummaryGroups({ projectId, filters, signal, batchSize })) {
    for (const group of batch) {
      if (!passesItemFilters(group.judgments.map((j) => j.preference), filters, countBothBad(group.judgments))) continue;
      itemsJudged++;
      for (const j of group.judgments) {
        const annotator = label(j.userId);
        collector.add({ itemId: unitId(group.externalId, group.pair), annotator, preference: j.preference, shownSwapped: j.shownSwapped, durationMs: j.durationMs, createdAt: j.createdAt });
        judgments++;
        perVersion.set(j.guidelinesVersion, (perVersion.get(j.guidelinesVersion) ?? 0) + 1);
        // ISO-8601 UTC strings of one width order like the instants they name.
        const at = typeof j.createdAt === "string" ? j.createdAt : j.createdAt.toISOString();
        if (first === null || at < first) first = at;
        if (last === null || at > last) last = at;
        if (j.preference === 0) ties++;
      }
    }
  }

  const table = collector.build();
  const agreement = computeAgreementFromTable(table, { scale: project.scale });
  // The same tallies as side_bias per annotator (one computation), summed.
  const sides = sideTallies(table);
  const sideKnown = sides.sideCounted.reduce((sum, v) => sum + v, 0);
  const leftChosen = sides.leftChosen.reduce((sum, v) => sum + v, 0);
  const { per_annotator: _perAnnotator, bins: _bins, ...bias } = computeBias(table, await readItemFeatures({ projectId, externalIds: table.itemIds, signal }));
  // κ of a pair that shares only a handful of items says nothing; the card
  // keeps the pairs that count towards mean_cohen_kappa, so it stays small.
  agreement.pairs = agreement.pairs.filter((pair) => pair.n >= DEFAULT_MIN_PAIR_ITEMS);

  const versions = new Map<number, GuidelinesVersionInfo>();
  for (const v of storedVersions) versions.set(v.version, { version: v.version, sha256: sha256(v.text), created_at: v.createdAt.toISOString(), judgments: 0 });
  if (!versions.has(project.guidelinesVersion)) {
    versions.set(project.guidelinesVersion, { version: project.guidelinesVersion, sha256: sha256(project.guidelines), created_at: null, judgments: 0 });
  }
  for (const [version, count] of perVersion) {
    const info = versions.get(version) ?? { version, sha256: null, created_at: null, judgments: 0 };
    versions.set(version, { ...info, judgments: count });
  }

  const { quality, asOf: qualityAsOf } = await cardQuality(projectId, qualitySource, signal, batchSize);

  return {
    project: { slug: project.slug, name: project.name },
    guidelines: {
      text: project.guidelines,
      sha256: sha256(project.guidelines),
      version: project.guidelinesVersion,
      versions: [...versions.values()].sort((a, b) => a.version - b.version),
    },
    scale: project.scale,
    allow_tie: project.allowTie,
    labels: scaleLabels(project.scale, project.allowTie).map(({ value, label: text }) => ({ value, label: text })),
    overlap: project.overlap,
    date_range: { first, last },
    counts: {
      items,
      items_judged: itemsJudged,
      judgments,
      annotators: agreement.annotators,
      judgments_per_annotator: spread(agreement.per_annotator.map((a) => a.judgments)),
    },
    tie_rate: judgments ? ties / judgments : null,
    agreement,
    side_bias: {
      overall: sideKnown ? leftChosen / sideKnown : null,
      per_annotator: Object.fromEntries(agreement.per_annotator.map((a) => [a.annotator, a.side_bias])),
    },
    bias: { ...bias, sentences: [bias.position.sentence, ...Object.values(bias.features).map((f) => f.sentence)] },
    source_agreement: await sourceAgreementCard(projectId),
    format,
    consensus: format === "raw" ? null : (filters.consensus ?? "majority"),
    quality: Object.fromEntries(
      quality.per_annotator.map((a) => [
        a.annotator,
        {
          reliability: a.reliability,
          gold_accuracy: a.gold.accuracy,
          gold_answered: a.gold.answered,
          self_consistency: a.self_consistency.share_same_direction,
          rechecks: a.self_consistency.rechecks,
          majority_agreement: a.majority_agreement,
        },
      ]),
    ),
    quality_as_of: qualityAsOf.toISOString(),
    filters: describeFilters(filters, format, format === "trl" ? await resolvePromptFormat(projectId, filters.promptFormat) : null),
    software: { name: "pairwise", version: packageJson.version },
    generated_at: new Date().toISOString(),
  };
}
