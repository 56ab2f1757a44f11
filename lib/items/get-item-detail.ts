import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { annotatorIdentityScope, getProjectForActor, type Actor, type ProjectForActor } from "@/lib/permissions";
import { getPseudonymKey, pseudonymizer } from "@/lib/export/pseudonym";
import { choiceOf, type Choice } from "@/lib/scale/preference-scale";
import type { ItemPrompt, RankedResponse } from "@/lib/validations/item";
import { readRanking, type Ranking } from "@/lib/ranking-items/ranking";

export type ItemJudgmentDetail = {
  id: string;
  annotator: { id: string; name: string; email: string };
  /** In the item's own terms: negative favours A. Null for a ranking item's judgment. */
  preference: number | null;
  choice: Choice | null;
  /** A ranking item's judgment: tiers best first, item indices. */
  ranking: Ranking | null;
  flags: string[];
  rationale: string;
  attributes: Record<string, number>;
  durationMs: number | null;
  /** Whether B was shown on the left to this annotator (null for imported judgments). */
  shownSwapped: boolean | null;
  guidelinesVersion: number;
  createdAt: Date;
  updatedAt: Date;
};

export type ItemDetail = {
  itemId: string;
  prompt: ItemPrompt;
  responseA: string;
  responseB: string;
  modelA: string | null;
  modelB: string | null;
  metadata: Record<string, unknown>;
  goldPreference: number | null;
  goldExplanation: string | null;
  goldMinStrength: number | null;
  /** A ranking item's responses (null for a pair item) and its gold ranking. */
  responses: RankedResponse[] | null;
  goldRanking: Ranking | null;
  judgmentCount: number;
  activeLeases: number;
  createdAt: Date;
  judgments: ItemJudgmentDetail[];
  skips: { annotator: { id: string; name: string }; reason: string; createdAt: Date }[];
};

/**
 * One item with every judgment on it, for the lead's item page. Model names
 * are included: leads may see them (annotators never reach this).
 */
export async function getItemDetail(options: { actor: Actor; slug: string; itemId: string }): Promise<ItemDetail> {
  const project = await getProjectForActor({ actor: options.actor, slug: options.slug, access: "lead" });
  const item = await db.item.findUnique({
    where: { projectId_externalId: { projectId: project.id, externalId: options.itemId } },
    select: {
      externalId: true,
      prompt: true,
      responseA: true,
      responseB: true,
      modelA: true,
      modelB: true,
      metadata: true,
      goldPreference: true,
      goldExplanation: true,
      goldMinStrength: true,
      responses: true,
      goldRanking: true,
      judgmentCount: true,
      activeLeases: true,
      createdAt: true,
      judgments: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: {
          id: true,
          preference: true,
          ranking: true,
          flags: true,
          rationale: true,
          attributes: true,
          durationMs: true,
          shownSwapped: true,
          guidelinesVersion: true,
          createdAt: true,
          updatedAt: true,
          user: { select: { id: true, name: true, email: true } },
        },
      },
      skips: { orderBy: { createdAt: "asc" }, select: { reason: true, createdAt: true, user: { select: { id: true, name: true } } } },
    },
  });
  if (!item) throw new AppError("not_found", `No item "${options.itemId}" in this project.`);
  const { externalId, judgments, skips, prompt, metadata, responses, goldRanking, ...rest } = item;
  const shown = await annotatorShown(options.actor, project, [...judgments.map((j) => j.user.id), ...skips.map((s) => s.user.id)]);
  return {
    itemId: externalId,
    ...rest,
    prompt: prompt as ItemPrompt,
    metadata: (metadata ?? {}) as Record<string, unknown>,
    responses: (responses ?? null) as RankedResponse[] | null,
    goldRanking: readRanking(goldRanking),
    judgments: judgments.map(({ user, attributes, ranking, ...j }) => ({
      ...j,
      annotator: shown(user),
      choice: j.preference === null ? null : choiceOf(j.preference),
      ranking: readRanking(ranking),
      attributes: (attributes ?? {}) as Record<string, number>,
    })),
    skips: skips.map(({ user, ...s }) => {
      const { id, name } = shown({ ...user, email: "" });
      return { ...s, annotator: { id, name } };
    }),
  };
}

/**
 * How an annotator appears on the item page, as annotatorIdentityScope
 * allows: by name for an admin, by name for a lead when they are a member
 * of the project, otherwise by their pseudonym in this project (no email).
 */
export async function annotatorShown(actor: Actor, project: ProjectForActor, userIds: string[], use: "page" | "export" = "page") {
  const scope = annotatorIdentityScope(actor, project, use);
  const members = scope === "members"
    ? new Set((await db.membership.findMany({ where: { projectId: project.id, userId: { in: [...new Set(userIds)] } }, select: { userId: true } })).map((m) => m.userId))
    : new Set<string>();
  const label = pseudonymizer(await getPseudonymKey(project.id));
  return (user: { id: string; name: string; email: string }) =>
    scope === "all" || (scope === "members" && members.has(user.id)) ? user : { id: user.id, name: label(user.id), email: "" };
}
