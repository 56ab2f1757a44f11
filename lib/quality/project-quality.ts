import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { annotatorIdentityScope, assertMayExportIdentities, getProjectForActor, type Actor, type IdentityScope } from "@/lib/permissions";
import { getPseudonymKey, pseudonymizer } from "@/lib/export/pseudonym";
import { readSummaryGroups } from "@/lib/export/read-item-groups";
import { createJudgmentCollector } from "@/lib/agreement/collect-judgments";
import { perAnnotator } from "@/lib/agreement/per-annotator";
import { annotatorFlags } from "@/lib/agreement/readings";
import { readIdentities, type AnnotatorIdentity } from "@/lib/agreement/project-agreement";
import { anchorWithGold } from "./anchor-with-gold";
import { wilsonInterval } from "@/lib/stats/wilson";
import { readGoldTallies, readRecheckTallies } from "./check-stats";
import { fitDawidSkene } from "./fit-dawid-skene";
import { readGoldObservations } from "./fit-project-reliability";
import { summarizeReliability } from "./read-consensus";
import { summarizeIntegrity, type IntegrityFlagCount } from "./integrity/summarize-integrity";

export type QualityStatusName = "qualifying" | "active" | "paused" | "not_qualified";

/** One annotator's row of the quality page, REST `GET …/quality` and the CLI (docs/formats.md, "Annotator quality"). */
export type AnnotatorQuality = {
  annotator: string;
  /** Their standing on the gold checks; null for someone no longer a member. */
  status: QualityStatusName | null;
  /** Judgments on real items (gold items never count). */
  judgments: number;
  gold: { answered: number; correct: number; accuracy: number | null; ci_low: number | null; ci_high: number | null };
  self_consistency: { rechecks: number; same_direction: number; share_same_direction: number | null; mean_abs_difference: number | null };
  /** Dawid–Skene: Σ_t prior_t · confusion[t][t]; null when they gave the model nothing to read. */
  reliability: number | null;
  informativeness: number | null;
  /** confusion[true][given], directions A, tie, B. */
  confusion: number[][] | null;
  majority_agreement: number | null;
  side_bias: number | null;
  median_duration_ms: number | null;
  /** Judgments carrying at least one integrity flag. */
  flagged: number;
  flags: IntegrityFlagCount[];
};

export type ProjectQuality = {
  project: string;
  scale: number;
  items: number;
  judgments: number;
  annotators: number;
  gold_items: number;
  gold_answers: number;
  model: { iterations: number; converged: boolean; prior: { A: number; tie: number; B: number } };
  /** A few plain sentences: who stands out and why. */
  reading: string[];
  per_annotator: AnnotatorQuality[];
  /** pseudonym → who it is, only when the reader may see names. */
  identities?: Record<string, AnnotatorIdentity>;
  /** pseudonym → user id of each member, only when asked for (the quality page's lead actions; never in the REST answer). */
  member_ids?: Record<string, string>;
};

/** Where the reading draws its lines, in one place (docs/formats.md, "Annotator quality"). */
export const QUALITY_READING = {
  /** Informativeness below this: labels say little about the true direction. */
  nearChance: 0.2,
  /** Observations in the model needed before reliability is read at all. */
  minObservations: 10,
  /** Gold answers needed before gold accuracy is read. */
  minGold: 5,
  /** Re-checks needed, and the share of same-direction answers below which self-consistency is low. */
  minRechecks: 5,
  lowSelfConsistency: 0.7,
} as const;

const STATUS: Record<string, QualityStatusName> = { QUALIFYING: "qualifying", ACTIVE: "active", PAUSED: "paused", NOT_QUALIFIED: "not_qualified" };

type ComputeOptions = { identityScope?: IdentityScope; memberIds?: boolean; signal?: AbortSignal; batchSize?: number };

/**
 * The quality figures of a project. Reads the real items' judgments once
 * (the agreement walk, ids and numbers only, into typed columns), so
 * majority agreement, side bias and median time are the agreement page's
 * own; fits Dawid–Skene on that table plus the gold answers (clamped to
 * their gold label); adds the gold and re-check tallies, the integrity
 * flags and each member's status. Cost: the walk plus one fit, linear in
 * the judgments (bench/RESULTS.md, "Reliability model").
 *
 * @internal caller has checked access
 */
export async function computeProjectQuality(projectId: string, options: ComputeOptions = {}): Promise<ProjectQuality> {
  const project = await db.project.findUnique({ where: { id: projectId }, select: { slug: true, scale: true, qualificationPassMark: true } });
  if (!project) throw new AppError("not_found", "project not found");
  const label = pseudonymizer(await getPseudonymKey(projectId));
  const userOf = new Map<string, string>();
  const name = (userId: string) => {
    const pseudonym = label(userId);
    if (!userOf.has(pseudonym)) userOf.set(pseudonym, userId);
    return pseudonym;
  };
  const collector = createJudgmentCollector();
  for await (const batch of readSummaryGroups({ projectId, filters: { excludeGold: true }, signal: options.signal, batchSize: options.batchSize })) {
    for (const group of batch) {
      for (const j of group.judgments) {
        collector.add({ itemId: group.itemId, annotator: name(j.userId), preference: j.preference, shownSwapped: j.shownSwapped, durationMs: j.durationMs, createdAt: j.createdAt });
      }
    }
  }
  const table = collector.build();
  const goldObservations = await readGoldObservations(projectId, name);
  const input = anchorWithGold(table, goldObservations);
  const fit = fitDawidSkene(input);
  const model = summarizeReliability(fit);
  const agreementRows = perAnnotator(table);

  const [goldTallies, recheckTallies, integrity, members] = await Promise.all([
    readGoldTallies(projectId),
    readRecheckTallies(projectId),
    summarizeIntegrity(projectId),
    db.membership.findMany({ where: { projectId }, select: { userId: true, role: true, qualityStatus: true } }),
  ]);
  const byPseudonym = <T>(map: Map<string, T>) => new Map([...map].map(([userId, value]) => [name(userId), value]));
  const gold = byPseudonym(goldTallies);
  const rechecks = byPseudonym(recheckTallies);
  const flags = byPseudonym(integrity);
  const status = new Map<string, QualityStatusName>();
  for (const m of members) {
    if (m.role === "ANNOTATOR") name(m.userId);
    status.set(label(m.userId), STATUS[m.qualityStatus] ?? "active");
  }
  const reliability = new Map(model.per_annotator.map((r) => [r.annotator, r]));
  const agreement = new Map(agreementRows.map((r) => [r.annotator, r]));

  const rows: AnnotatorQuality[] = [...userOf.keys()].sort().map((annotator) => {
    const g = gold.get(annotator);
    const interval = g ? wilsonInterval(g.correct, g.answered) : null;
    const r = rechecks.get(annotator);
    const rel = reliability.get(annotator);
    const a = agreement.get(annotator);
    const f = flags.get(annotator);
    return {
      annotator,
      status: status.get(annotator) ?? null,
      judgments: a?.judgments ?? 0,
      gold: { answered: g?.answered ?? 0, correct: g?.correct ?? 0, accuracy: g?.answered ? g.correct / g.answered : null, ci_low: interval?.low ?? null, ci_high: interval?.high ?? null },
      self_consistency: {
        rechecks: r?.rechecks ?? 0,
        same_direction: r?.sameDirection ?? 0,
        share_same_direction: r?.rechecks ? r.sameDirection / r.rechecks : null,
        mean_abs_difference: r?.meanAbsDifference ?? null,
      },
      reliability: rel ? rel.reliability : null,
      informativeness: rel ? rel.informativeness : null,
      confusion: rel ? rel.confusion : null,
      majority_agreement: a?.majority_agreement ?? null,
      side_bias: a?.side_bias ?? null,
      median_duration_ms: a?.median_duration_ms ?? null,
      flagged: f?.flagged ?? 0,
      flags: f?.flags ?? [],
    };
  });

  const identities = options.identityScope && options.identityScope !== "none" ? await readIdentities(projectId, userOf, options.identityScope) : undefined;
  const nameOf = (pseudonym: string) => identities?.[pseudonym]?.name ?? pseudonym;
  const observations = new Map(model.per_annotator.map((r) => [r.annotator, r.judgments]));
  return {
    project: project.slug,
    scale: project.scale,
    items: table.itemIds.length,
    judgments: table.annotator.length,
    annotators: rows.length,
    gold_items: input.goldItems,
    gold_answers: input.label.length - table.annotator.length,
    model: { iterations: model.iterations, converged: model.converged, prior: model.prior },
    reading: qualityReading(rows, { passMark: project.qualificationPassMark, goldAnswers: input.label.length - table.annotator.length, observations, nameOf, agreementFlags: annotatorFlags(agreementRows) }),
    per_annotator: rows,
    ...(identities ? { identities } : {}),
    ...(options.memberIds ? { member_ids: Object.fromEntries(members.map((m) => [label(m.userId), m.userId])) } : {}),
  };
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const list = (names: string[]) => (names.length <= 4 ? names.join(", ") : `${names.slice(0, 4).join(", ")} and ${names.length - 4} more`);
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The plain-language reading above the table: what the figures say, and who
 * stands out and why. Every line names its threshold (QUALITY_READING).
 */
export function qualityReading(
  rows: readonly AnnotatorQuality[],
  context: {
    passMark: number;
    goldAnswers: number;
    observations: Map<string, number>;
    nameOf: (pseudonym: string) => string;
    agreementFlags: Map<string, { kind: string; text: string }[]>;
  },
): string[] {
  const { nameOf } = context;
  const out: string[] = [];
  const judged = rows.filter((r) => r.judgments > 0);
  if (judged.length === 0 && context.goldAnswers === 0) return ["No judgments yet: the figures appear once annotators have judged pairs."];
  out.push(
    context.goldAnswers > 0
      ? `${count(context.goldAnswers, "gold answer")} anchor the reliability model, so it knows the truth on those items.`
      : "No gold answers yet: reliability rests on how annotators agree with one another.",
  );
  const read = rows.filter((r) => r.reliability !== null && (context.observations.get(r.annotator) ?? 0) >= QUALITY_READING.minObservations);
  const backwards = read.filter((r) => r.confusion && r.confusion[0]![2]! > 0.5 && r.confusion[2]![0]! > 0.5);
  const chance = read.filter((r) => r.informativeness! < QUALITY_READING.nearChance && !backwards.includes(r));
  if (chance.length > 0) {
    out.push(
      `${count(chance.length, "annotator answers", "annotators answer")} near chance (informativeness below ${QUALITY_READING.nearChance}: their labels say little about the true direction): ${list(chance.map((r) => `${nameOf(r.annotator)} (reliability ${r.reliability!.toFixed(2)})`))}.`,
    );
  }
  if (backwards.length > 0) {
    out.push(`${count(backwards.length, "annotator seems", "annotators seem")} to read the scale backwards (mostly B when the truth is A, and A when it is B): ${list(backwards.map((r) => nameOf(r.annotator)))}.`);
  }
  const lowGold = rows.filter((r) => r.gold.answered >= QUALITY_READING.minGold && r.gold.ci_high !== null && r.gold.ci_high < context.passMark);
  if (lowGold.length > 0) {
    out.push(`${count(lowGold.length, "annotator is", "annotators are")} below the gold pass mark (${pct(context.passMark)}) even at the top of their 95% interval: ${list(lowGold.map((r) => `${nameOf(r.annotator)} (${r.gold.correct} of ${r.gold.answered})`))}.`);
  }
  const inconsistent = rows.filter((r) => r.self_consistency.rechecks >= QUALITY_READING.minRechecks && r.self_consistency.share_same_direction! < QUALITY_READING.lowSelfConsistency);
  if (inconsistent.length > 0) {
    out.push(`${count(inconsistent.length, "annotator changes", "annotators change")} direction on more than ${pct(1 - QUALITY_READING.lowSelfConsistency)} of their swapped re-checks: ${list(inconsistent.map((r) => `${nameOf(r.annotator)} (${pct(r.self_consistency.share_same_direction!)} the same)`))}.`);
  }
  const sided = rows.filter((r) => context.agreementFlags.get(r.annotator)?.some((f) => f.kind === "side_bias"));
  if (sided.length > 0) {
    out.push(`${count(sided.length, "annotator favours", "annotators favour")} one side of the screen: ${list(sided.map((r) => `${nameOf(r.annotator)} (${context.agreementFlags.get(r.annotator)!.find((f) => f.kind === "side_bias")!.text})`))}.`);
  }
  const flagged = rows.filter((r) => r.flagged > 0);
  if (flagged.length > 0) {
    out.push(`${count(flagged.length, "annotator has", "annotators have")} judgments with integrity flags: ${list(flagged.map((r) => `${nameOf(r.annotator)} (${r.flagged} of ${r.judgments})`))}.`);
  }
  const paused = rows.filter((r) => r.status === "paused").length;
  const notQualified = rows.filter((r) => r.status === "not_qualified").length;
  const qualifying = rows.filter((r) => r.status === "qualifying").length;
  const standing = [paused ? `${paused} paused` : "", notQualified ? `${notQualified} not qualified` : "", qualifying ? `${qualifying} still qualifying` : ""].filter(Boolean);
  if (standing.length > 0) out.push(`Standing: ${standing.join(", ")}.`);
  if (out.length === 1 && read.length > 0) out.push("No annotator stands out on reliability, gold accuracy, self-consistency, side bias or integrity.");
  const top = [...read].filter((r) => !chance.includes(r) && !backwards.includes(r)).sort((x, y) => y.reliability! - x.reliability!).slice(0, 3);
  if (read.length >= 3 && top.length > 0) out.push(`Most reliable: ${top.map((r) => `${nameOf(r.annotator)} (${r.reliability!.toFixed(2)})`).join(", ")}.`);
  return out;
}

export type ReadProjectQualityOptions = {
  actor: Actor;
  slug: string;
  /**
   * Names next to pseudonyms: "page" as the quality page shows them (admins
   * all, a project's leads its members), "export" for an API caller who
   * asked (admins only; others are refused). Default none: pseudonyms only.
   */
  identities?: "page" | "export";
  /** Add member_ids (the quality page, to offer the lead's status actions per row). */
  memberIds?: boolean;
  signal?: AbortSignal;
  batchSize?: number;
};

/**
 * The quality page's figures for a project's leads and admins: an entry
 * point (checks access itself; annotators 403, non-members 404).
 */
export async function readProjectQuality({ actor, slug, identities, memberIds, signal, batchSize }: ReadProjectQualityOptions): Promise<ProjectQuality> {
  const project = await getProjectForActor({ actor, slug, access: "lead" });
  if (identities === "export") assertMayExportIdentities(actor, project);
  const identityScope = identities ? annotatorIdentityScope(actor, project, identities) : "none";
  return computeProjectQuality(project.id, { identityScope, memberIds, signal, batchSize });
}
