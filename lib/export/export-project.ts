import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { hhLine } from "./format-hh";
import { rawLineWriter } from "./format-raw";
import { trlLine } from "./format-trl";
import { assertRankingFilters, rankingLines } from "./format-ranking";
import { resolvePromptFormat } from "./resolve-prompt-format";
import { assertValidFilters, countBothBad, passesItemFilters } from "./item-filters";
import { getPseudonymKey, pseudonymizer } from "./pseudonym";
import { readEncodedGroups, readItemGroups, readPreferenceGroups } from "./read-item-groups";
import { consensusOf, reliabilityConsensusOf } from "./consensus";
import { fitExportReliability, type PosteriorLookup } from "@/lib/quality/fit-project-reliability";
import { assertReferenceOptions, passesSourceAgreement, referenceAsJudgment, referencesByExternalId, sourceConsensusLines, usesReferences } from "@/lib/reference/export-source";
import { EXPORT_FORMATS, type ExportFilters, type ExportFormat, type ExportProjectSettings } from "./types";

export type ExportOptions = {
  projectId: string;
  format: ExportFormat;
  filters?: ExportFilters;
  /**
   * Write annotators' emails instead of pseudonyms. The caller must have
   * checked that an admin asked for it; this module does not know who asks.
   */
  identities?: boolean;
  /** Aborting stops the export at the next line with the signal's reason (an AbortError). */
  signal?: AbortSignal;
  /** Items per database query; tests make it small to cross batch boundaries. */
  batchSize?: number;
  /** Bytes of item text per database query (default DEFAULT_BATCH_BYTES); bench/export-paused.ts compares. */
  batchBytes?: number;
};

async function loadProject(projectId: string): Promise<ExportProjectSettings> {
  const project = await db.project.findUnique({ where: { id: projectId }, select: { scale: true } });
  if (!project) throw new AppError("not_found", "project not found");
  return project;
}

type Labeler = (groups: ReadonlyArray<{ judgments: ReadonlyArray<{ userId: string }> }>) => Promise<(userId: string) => string>;

/** userId → what the `annotator` field says: a pseudonym, or the email when identities were asked for. */
async function annotatorLabeler(projectId: string, identities: boolean): Promise<Labeler> {
  if (!identities) {
    const label = pseudonymizer(await getPseudonymKey(projectId));
    return async () => label;
  }
  const emails = new Map<string, string>();
  return async (groups) => {
    const missing = [...new Set(groups.flatMap((g) => g.judgments.map((j) => j.userId)))].filter((id) => !emails.has(id));
    if (missing.length > 0) {
      const users = await db.user.findMany({ where: { id: { in: missing } }, select: { id: true, email: true } });
      for (const user of users) emails.set(user.id, user.email);
    }
    return (userId) => emails.get(userId) ?? userId;
  };
}

function assertFormat(format: string): asserts format is ExportFormat {
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new AppError("bad_request", `format must be one of ${EXPORT_FORMATS.join(", ")} (got ${format})`);
  }
}

/**
 * Checks the options and loads what the export needs, then hands back the
 * line generator. Route handlers await this first, so a bad filter or an
 * unknown project is a 400 or 404 rather than a stream that breaks after a
 * 200 has been sent.
 *
 * @internal caller has checked access
 */
export async function openExport(opts: ExportOptions): Promise<AsyncGenerator<string, void, undefined>> {
  const filters = opts.filters ?? {};
  assertFormat(opts.format);
  assertValidFilters(filters);
  if (opts.format === "ranking") {
    assertRankingFilters(filters);
    await loadProject(opts.projectId);
    const labeler = await annotatorLabeler(opts.projectId, opts.identities === true);
    const label = (userIds: string[]) => labeler([{ judgments: userIds.map((userId) => ({ userId })) }]);
    return rankingLines({ projectId: opts.projectId, filters, label, signal: opts.signal, batchSize: opts.batchSize });
  }
  assertReferenceOptions(opts.format, filters);
  const project = await loadProject(opts.projectId);
  const labeler = opts.format === "raw" ? await annotatorLabeler(opts.projectId, opts.identities === true) : undefined;
  const form = opts.format === "trl" ? await resolvePromptFormat(opts.projectId, filters.promptFormat) : undefined;
  const posteriorOf = opts.format !== "raw" ? await reliabilityLookup(opts, filters) : undefined;
  return streamLines(opts, filters, project, labeler, form, posteriorOf);
}

/**
 * consensus=reliability: the model is fitted once, on all of the export's
 * judgments, before the first line (the stream then looks each item up).
 */
async function reliabilityLookup(opts: { projectId: string; signal?: AbortSignal; batchSize?: number }, filters: ExportFilters): Promise<PosteriorLookup | undefined> {
  if (filters.consensus !== "reliability") return undefined;
  return fitExportReliability(opts.projectId, { from: filters.from, to: filters.to, signal: opts.signal, batchSize: opts.batchSize });
}

async function* streamLines(opts: ExportOptions, filters: ExportFilters, project: ExportProjectSettings, labeler?: Labeler, form?: "text" | "chat", posteriorOf?: PosteriorLookup): AsyncGenerator<string, void, undefined> {
  const { signal, format } = opts;
  const read = { projectId: opts.projectId, filters, signal, batchSize: opts.batchSize, batchBytes: opts.batchBytes };
  const passes = (g: { judgments: ReadonlyArray<{ preference: number; flags: string[] }> }) =>
    passesItemFilters(g.judgments.map((j) => j.preference), filters, countBothBad(g.judgments));
  // Reference labels (lib/reference/export-source.ts): one lookup per batch, only when an option asks for them.
  const referencesOf = async (batch: ReadonlyArray<{ item: { externalId: string } }>) =>
    usesReferences(filters) ? await referencesByExternalId(opts.projectId, batch.map((g) => g.item.externalId)) : undefined;
  const passesSource = (g: { item: { externalId: string }; judgments: ReadonlyArray<{ preference: number }> }, refs: Awaited<ReturnType<typeof referencesOf>>) =>
    passesSourceAgreement(g.judgments.map((j) => j.preference), refs?.get(g.item.externalId), filters.sourceAgreement);
  if ((format === "trl" || format === "hh") && filters.consensus === "source") {
    yield* sourceConsensusLines({ projectId: opts.projectId, format, filters, form, signal, batchSize: opts.batchSize });
    return;
  }

  if (labeler) {
    for await (const batch of readEncodedGroups(read)) {
      const refs = await referencesOf(batch);
      const kept = batch.filter((g) => passes(g) && passesSource(g, refs));
      const label = await labeler(kept);
      for (const group of kept) {
        const write = rawLineWriter(group.item, project);
        for (const judgment of group.judgments) {
          signal?.throwIfAborted();
          yield write(judgment, label(judgment.userId));
        }
        const reference = filters.includeReference ? refs?.get(group.item.externalId) : undefined;
        if (reference) yield write(referenceAsJudgment(reference, group.item), `source:${reference.source}`);
      }
    }
    return;
  }

  for await (const batch of readItemGroups(read)) {
    const refs = await referencesOf(batch);
    for (const group of batch) {
      if (!passes(group) || !passesSource(group, refs)) continue;
      const posterior = posteriorOf?.(group.item.id);
      const line = format === "trl" ? trlLine(group.item, group.judgments, { ties: filters.ties, form, posterior }) : hhLine(group.item, group.judgments, posterior);
      if (!line) continue;
      signal?.throwIfAborted();
      yield JSON.stringify(line) + "\n";
    }
  }
}

/**
 * The export as JSONL lines (each ending in "\n"), streamed from the
 * database batch by batch: raw gives one line per judgment ordered by
 * (item id, judgment id); trl and hh one line per item in item-id order
 * (a ranking item's implied pairs count as items: read-item-groups.ts);
 * ranking one line per judgment of a ranking item.
 * Memory stays at about two batches whatever the project's size.
 *
 * @internal caller has checked access
 */
export async function* exportProject(opts: ExportOptions): AsyncGenerator<string, void, undefined> {
  yield* await openExport(opts);
}

/**
 * How many lines exportProject would write with the same options, without reading any long text.
 *
 * @internal caller has checked access
 */
export async function countExportLines(opts: Omit<ExportOptions, "identities">): Promise<number> {
  const filters = opts.filters ?? {};
  assertFormat(opts.format);
  assertValidFilters(filters);
  await loadProject(opts.projectId);
  if (usesReferences(filters) || opts.format === "ranking") {
    // The reference options need item ids and labels the light walk does not read: count the lines themselves.
    let counted = 0;
    for await (const _line of await openExport(opts)) counted++;
    return counted;
  }
  const posteriorOf = opts.format !== "raw" ? await reliabilityLookup(opts, filters) : undefined;
  let lines = 0;
  for await (const batch of readPreferenceGroups({ projectId: opts.projectId, filters, signal: opts.signal, batchSize: opts.batchSize })) {
    for (const { itemId, preferences, bothBad } of batch) {
      if (!passesItemFilters(preferences, filters, bothBad)) continue;
      if (opts.format === "raw") {
        lines += preferences.length;
        continue;
      }
      const posterior = posteriorOf?.(itemId);
      const consensus = posterior ? reliabilityConsensusOf(preferences, posterior) : consensusOf(preferences);
      if (consensus?.choice !== "tie" || (opts.format === "trl" && filters.ties === "keep")) lines++;
    }
  }
  return lines;
}
