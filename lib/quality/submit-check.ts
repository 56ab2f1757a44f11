import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { SubmitJudgmentInput } from "@/lib/validations/judgment";
import type { JudgmentRules, JudgmentView } from "@/lib/judgments/judgment-view";
import { isUniqueViolation } from "@/lib/judgments/is-unique-violation";
import { applyGoldRules } from "./apply-gold-rules";
import { isGoldCorrect, qualityRulesSelect } from "./quality-rules";
import { integrityMetadata } from "./integrity/integrity-metadata";
import { answerKindProblem } from "@/lib/judgments/validate-judgment-fields";
import { rankedResponses } from "@/lib/ranking-items/ranked-responses";
import { isGoldRankingMet, readRanking, type Ranking } from "@/lib/ranking-items/ranking";

/**
 * Shown after a gold item in training mode: the expected answer (item A/B
 * terms, or a gold ranking item's ranking in item indices) and whether the first answer met it.
 */
export type GoldFeedback = { expected_preference?: number; expected_ranking?: Ranking; explanation: string; correct: boolean };

export type CheckSubmit = { judgment: JudgmentView; created: boolean; feedback?: GoldFeedback };

const checkSelect = {
  id: true,
  itemId: true,
  userId: true,
  kind: true,
  swapped: true,
  preference: true,
  ranking: true,
  displayOrder: true,
  rationale: true,
  durationMs: true,
  clientId: true,
  answeredAt: true,
  leasedAt: true,
  correct: true,
  item: { select: { externalId: true, goldPreference: true, goldRanking: true, goldExplanation: true } },
} as const;

type CheckRow = {
  id: string;
  itemId: string;
  userId: string;
  kind: string;
  swapped: boolean;
  preference: number | null;
  ranking: unknown;
  displayOrder: number[];
  rationale: string;
  durationMs: number | null;
  clientId: string | null;
  answeredAt: Date | null;
  leasedAt: Date;
  correct: boolean | null;
  item: { externalId: string; goldPreference: number | null; goldRanking: unknown; goldExplanation: string | null };
};

/** A check answer in the shape of a stored judgment, so the HTTP answer cannot tell them apart. */
export function checkAsJudgmentView(row: CheckRow, guidelinesVersion: number, extra?: { flags?: string[]; attributes?: Record<string, number> }): JudgmentView {
  const at = row.answeredAt ?? row.leasedAt;
  return {
    id: row.id,
    itemId: row.itemId,
    userId: row.userId,
    // A gold ranking item's answer has a ranking and no preference, like a ranking judgment.
    preference: row.ranking != null ? null : (row.preference ?? 0),
    ranking: row.ranking ?? null,
    shownOrder: row.displayOrder,
    flags: extra?.flags ?? [],
    rationale: row.rationale,
    attributes: extra?.attributes ?? {},
    guidelinesVersion,
    shownSwapped: row.ranking != null ? null : row.swapped,
    durationMs: row.durationMs,
    clientId: row.clientId ?? "",
    createdAt: at,
    updatedAt: at,
    item: { externalId: row.item.externalId },
  };
}

async function feedbackFor(projectId: string, row: CheckRow): Promise<GoldFeedback | undefined> {
  const goldRanking = readRanking(row.item.goldRanking);
  if (row.kind !== "GOLD" || (row.item.goldPreference === null && !goldRanking)) return undefined;
  const project = await db.project.findUnique({ where: { id: projectId }, select: { goldFeedback: true } });
  if (project?.goldFeedback !== "training") return undefined;
  const expected = goldRanking ? { expected_ranking: goldRanking } : { expected_preference: row.item.goldPreference! };
  return { ...expected, explanation: row.item.goldExplanation ?? "", correct: row.correct ?? false };
}

/**
 * The submit path for checks (gold items and swapped re-checks), tried only
 * when the judgment statement wrote nothing: a retry of a stored check
 * answer comes back as it is (created false); an unanswered check lease of
 * this user on this item (open, or expired: late work is still kept) takes
 * the answer, in item A/B terms like a judgment. A gold answer is scored on
 * this first answer and then moves the member's standing (apply-gold-rules.ts).
 * The integrity signals and flags go in with the answer, as with a judgment.
 * Null when the user holds no check on the item.
 *
 * @internal caller has checked access
 */
export async function submitCheckAnswer(options: {
  userId: string;
  project: JudgmentRules;
  input: SubmitJudgmentInput;
  now: Date;
}): Promise<CheckSubmit | null> {
  const { userId, project, input, now } = options;
  const retried = await db.checkAnswer.findUnique({ where: { clientId: input.client_id }, select: { ...checkSelect, projectId: true } });
  if (retried) {
    if (retried.userId !== userId || retried.projectId !== project.id || retried.item.externalId !== input.item_id) {
      throw new AppError("conflict", "This client_id was already used for another judgment; send a new one.");
    }
    return { judgment: checkAsJudgmentView(retried, project.guidelinesVersion), created: false, feedback: await feedbackFor(project.id, retried) };
  }
  const lease = await db.checkAnswer.findFirst({
    where: { userId, projectId: project.id, answeredAt: null, item: { externalId: input.item_id } },
    orderBy: { leasedAt: "desc" },
    // The texts come with the lease read: their length goes into the integrity metadata (too_fast).
    select: {
      id: true,
      kind: true,
      item: { select: { goldPreference: true, goldMinStrength: true, goldRanking: true, responses: true, promptText: true, responseA: true, responseB: true } },
    },
  });
  if (!lease) return null;
  const kindProblem = answerKindProblem(rankedResponses(lease.item.responses)?.length ?? null, input);
  if (kindProblem) throw new AppError("unprocessable", kindProblem, { issues: [kindProblem] });
  const goldRanking = readRanking(lease.item.goldRanking);
  const correct =
    lease.kind !== "GOLD"
      ? null
      : goldRanking && input.ranking
        ? isGoldRankingMet(input.ranking, goldRanking)
        : lease.item.goldPreference !== null && input.preference !== undefined
          ? isGoldCorrect(input.preference, { goldPreference: lease.item.goldPreference, goldMinStrength: lease.item.goldMinStrength })
          : null;
  let count: number;
  try {
    ({ count } = await db.checkAnswer.updateMany({
      where: { id: lease.id, answeredAt: null },
      data: {
        preference: input.preference ?? null,
        firstPreference: input.preference ?? null,
        ...(input.ranking ? { ranking: input.ranking, firstRanking: input.ranking } : {}),
        rationale: input.rationale,
        durationMs: input.duration_ms ?? null,
        clientId: input.client_id,
        answeredAt: now,
        open: false,
        correct,
        metadata: integrityMetadata(input, {
          prompt: lease.item.promptText,
          responseA: lease.item.responseA,
          responseB: lease.item.responseB + (rankedResponses(lease.item.responses)?.map((response) => response.text).join("") ?? ""),
        }),
      },
    }));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    count = 0;
  }
  if (count === 0) {
    // A concurrent retry with the same client_id stored it first.
    const stored = await db.checkAnswer.findUnique({ where: { clientId: input.client_id }, select: checkSelect });
    if (stored && stored.userId === userId) {
      return { judgment: checkAsJudgmentView(stored, project.guidelinesVersion), created: false, feedback: await feedbackFor(project.id, stored) };
    }
    throw new AppError("conflict", "This judgment could not be stored just now; send it again with the same client_id.");
  }
  const row = await db.checkAnswer.findUniqueOrThrow({ where: { id: lease.id }, select: checkSelect });
  if (lease.kind === "GOLD") {
    const rules = await db.project.findUnique({ where: { id: project.id }, select: qualityRulesSelect });
    if (rules) await applyGoldRules({ userId, projectId: project.id, rules, now });
  }
  return {
    judgment: checkAsJudgmentView(row, project.guidelinesVersion, { flags: input.flags, attributes: input.attributes }),
    created: true,
    feedback: await feedbackFor(project.id, row),
  };
}
