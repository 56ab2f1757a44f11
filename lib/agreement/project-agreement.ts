import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { IdentityScope } from "@/lib/permissions";
import { getPseudonymKey, pseudonymizer } from "@/lib/export/pseudonym";
import { readSummaryGroups } from "@/lib/export/read-item-groups";
import { computeAgreementFromTable } from "./compute-agreement";
import { createJudgmentCollector } from "./collect-judgments";
import type { AgreementResult } from "./types";
import { agreementIntervals, type AgreementIntervals } from "./agreement-intervals";
import { unitId } from "@/lib/ranking-items/expand-units";
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
  /** Bootstrap the headline figures over items (costs about 3 µs per judgment and round; docs/formats.md). */
  intervals?: boolean;
};

/**
 * @internal caller has checked access
 *
 * Agreement over all of a project's judgments. Reads them with the export's
 * keyset walk (read-item-groups.ts, summary mode: ids, preference, side,
 * time; never texts), so memory holds one batch plus the typed columns of the
 * collector, never judgment objects. The same pseudonyms as the raw export,
 * so the figures match an agreement run over an exported file. Gold items are
 * checks, not data: any (imported) judgment of one is left out.
 */
export async function getProjectAgreement({ projectId, disputedLimit, signal, batchSize, identityScope = "none", intervals: wantIntervals = false }: GetProjectAgreementOptions): Promise<ProjectAgreement> {
  const project = await db.project.findUnique({ where: { id: projectId }, select: { scale: true } });
  if (!project) throw new AppError("not_found", "project not found");
  const label = pseudonymizer(await getPseudonymKey(projectId));
  const collector = createJudgmentCollector();
  const userOf = new Map<string, string>();
  for await (const batch of readSummaryGroups({ projectId, filters: { excludeGold: true }, signal, batchSize })) {
    for (const group of batch) {
      for (const j of group.judgments) {
        const annotator = label(j.userId);
        if (!userOf.has(annotator)) userOf.set(annotator, j.userId);
        // An implied pair of a ranking item is a unit of its own ("r-1#0-2").
        collector.add({ itemId: unitId(group.externalId, group.pair), annotator, preference: j.preference, shownSwapped: j.shownSwapped, durationMs: j.durationMs, createdAt: j.createdAt });
      }
    }
  }
  const table = collector.build();
  const agreement = computeAgreementFromTable(table, { scale: project.scale, disputedLimit });
  const intervals = agreementIntervals(table, wantIntervals ? {} : { rounds: 0 });
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
