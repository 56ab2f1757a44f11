import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { IdentityScope } from "@/lib/permissions";
import { getPseudonymKey, pseudonymizer } from "@/lib/export/pseudonym";
import { agreementIntervalsOfStats, type AgreementIntervals } from "./agreement-intervals";
import { agreementFiguresOfStats, readAgreementStats } from "./agreement-stats";
import { DEFAULT_DISPUTED_LIMIT } from "./compute-agreement";
import { disputedItems } from "./disputed-items";
import { perAnnotator } from "./per-annotator";
import { readProjectJudgmentTable } from "./project-judgment-table";
import type { AgreementResult } from "./types";
import { readRankingAgreement } from "@/lib/ranking-items/read-ranking-agreement";
import type { RankingAgreement } from "@/lib/ranking-items/kendall-w";

export type AnnotatorIdentity = { name: string; email: string; external: boolean };

export type ProjectAgreement = {
  scale: number;
  /** Every figure of docs/formats.md ("Agreement metrics"); annotators are named by their stable pseudonyms, items by external id. */
  agreement: AgreementResult;
  /** pseudonym → who it is, as far as `identityScope` allows (empty by default). */
  identities: Record<string, AnnotatorIdentity>;
  /** Items per number of judgments, always; bootstrap 95% intervals of the headline figures when `intervals` was asked for (else `rounds` 0 and nulls). */
  intervals: AgreementIntervals;
  /** Kendall's W and α over implied pairs, when the project has ranking items (else null). */
  rankings: RankingAgreement | null;
};

export type GetProjectAgreementOptions = {
  projectId: string;
  disputedLimit?: number;
  signal?: AbortSignal;
  /** Items per database query (tests make it small). */
  batchSize?: number;
  /** Whose names `identities` holds: annotatorIdentityScope's answer for the reader. Default "none". */
  identityScope?: IdentityScope;
  /** Bootstrap the headline figures (from the kept counts; docs/formats.md). */
  intervals?: boolean;
  /**
   * Also the per-annotator table and the disputed items, which need every
   * judgment (a walk over all of them). Default true; false serves the rest
   * from the kept statistics alone (milliseconds at any size) with both lists empty.
   */
  details?: boolean;
};

/**
 * @internal caller has checked access
 *
 * Agreement over all of a project's judgments. The figures come from the
 * statistics the Judgment trigger keeps (lib/agreement/agreement-stats.ts:
 * the item-pattern histogram, the annotator-pair tables), so they cost a few
 * small reads whatever the project's size. Only the per-annotator table and
 * the disputed items read the judgments themselves (readProjectJudgmentTable),
 * and only with `details`. The same pseudonyms as the raw export, so the
 * figures match an agreement run over an exported file. Gold items are
 * checks, not data: their judgments are never counted.
 */
export async function getProjectAgreement({ projectId, disputedLimit, signal, batchSize, identityScope = "none", intervals: wantIntervals = false, details = true }: GetProjectAgreementOptions): Promise<ProjectAgreement> {
  const project = await db.project.findUnique({ where: { id: projectId }, select: { scale: true } });
  if (!project) throw new AppError("not_found", "project not found");
  const label = pseudonymizer(await getPseudonymKey(projectId));
  const stats = await readAgreementStats(projectId);
  const userOf = new Map<string, string>();
  for (const userId of stats.annotators.keys()) userOf.set(label(userId), userId);
  const figures = agreementFiguresOfStats(stats, { scale: project.scale, label });
  const intervals = agreementIntervalsOfStats(stats, wantIntervals ? {} : { rounds: 0 });
  let per_annotator: AgreementResult["per_annotator"] = [];
  let disputed_items: AgreementResult["disputed_items"] = [];
  if (details) {
    const { table } = await readProjectJudgmentTable({ projectId, signal, batchSize, label });
    per_annotator = perAnnotator(table);
    disputed_items = disputedItems(table, disputedLimit ?? DEFAULT_DISPUTED_LIMIT);
  }
  // The key order of computeAgreementFromTable, which the REST answer has always had.
  const agreement: AgreementResult = {
    items: figures.items,
    annotators: figures.annotators,
    judgments: figures.judgments,
    percent_agreement: figures.percent_agreement,
    mean_cohen_kappa: figures.mean_cohen_kappa,
    fleiss_kappa: figures.fleiss_kappa,
    krippendorff_alpha_nominal: figures.krippendorff_alpha_nominal,
    krippendorff_alpha_ordinal: figures.krippendorff_alpha_ordinal,
    krippendorff_alpha_interval: figures.krippendorff_alpha_interval,
    pairs: figures.pairs,
    per_annotator,
    preference_distribution: figures.preference_distribution,
    tie_rate: figures.tie_rate,
    disputed_items,
    items_with_multiple_judgments: figures.items_with_multiple_judgments,
  };
  const rankings = await readRankingAgreement(projectId, project.scale);

  if (identityScope === "none") return { scale: project.scale, agreement, identities: {}, intervals, rankings };
  return { scale: project.scale, agreement, identities: await readIdentities(projectId, userOf, identityScope), intervals, rankings };
}

/**
 * Who each pseudonym is, as far as `scope` lets the reader know: every
 * annotator for `all`, current members of the project only for `members`.
 * The agreement and quality figures both name annotators this way.
 *
 * @internal caller has checked access
 */
export async function readIdentities(projectId: string, userOf: ReadonlyMap<string, string>, scope: Exclude<IdentityScope, "none">): Promise<Record<string, AnnotatorIdentity>> {
  const users = await db.user.findMany({
    where: { id: { in: [...userOf.values()] }, ...(scope === "members" ? { memberships: { some: { projectId } } } : {}) },
    select: { id: true, name: true, email: true, external: true },
  });
  const byId = new Map(users.map((u) => [u.id, u]));
  const identities: Record<string, AnnotatorIdentity> = {};
  for (const [pseudonym, userId] of userOf) {
    const user = byId.get(userId);
    if (user) identities[pseudonym] = { name: user.name, email: user.email, external: user.external };
  }
  return identities;
}
