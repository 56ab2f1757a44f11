import "server-only";
import { AppError } from "@/lib/errors";
import type { LeaseRules } from "@/lib/assignment/lease-next-item";
import type { JudgmentRules, JudgmentView } from "@/lib/judgments/judgment-view";
import { submitJudgment } from "@/lib/judgments/submit-judgment";
import type { GoldFeedback } from "@/lib/quality/submit-check";
import type { NextItemBody, PairView } from "@/lib/validations/annotate-response";
import type { SubmitJudgmentBody } from "@/lib/validations/judgment";
import { getNextPair } from "./get-next-pair";

/** Why no next pair came with a stored judgment: the error `GET …/next` would have answered, as its body's `error`. */
export type NextRefusal = { code: AppError["code"]; message: string; details?: unknown };

export type SubmitAndNext = {
  judgment: JudgmentView;
  created: boolean;
  feedback?: GoldFeedback;
  /** Only when the body asked for it (`next: true`): the next lease, or null when nothing is left or it was refused. */
  next?: { api: NextItemBody; view: PairView | null } | null;
  /** Set when the judgment was stored but the next lease was refused (project not active, annotator paused or not qualified). */
  nextRefusal?: NextRefusal;
};

/**
 * `POST …/judgments` with `next: true`: the judgment is stored first
 * (submitJudgment, one statement; a retry by client_id returns the stored one)
 * and then the next pair is leased (getNextPair / leaseNextItem, one statement
 * on the plain path), excluding the item just judged and the ids the client
 * says it shows, so a retry gets the lease it already holds back. Two
 * statements on one request: the lease must come after the judgment, whose
 * answer (a gold item) can change whether the annotator may go on.
 *
 * The judgment counts even when the lease is refused: the refusal comes back
 * as `nextRefusal` beside the stored judgment instead of failing the request
 * (docs/formats.md). A refusal of the judgment itself throws as before.
 *
 * @internal caller has checked access (view: judging needs no ACTIVE project, leasing does and says so)
 */
export async function submitAndLeaseNext(options: {
  userId: string;
  project: JudgmentRules & LeaseRules;
  input: SubmitJudgmentBody;
  withView?: boolean;
  now?: Date;
}): Promise<SubmitAndNext> {
  const { userId, project, input } = options;
  const stored = await submitJudgment({ userId, project, input, now: options.now });
  if (!input.next) return stored;
  try {
    const next = await getNextPair({
      userId,
      projectId: project.id,
      project,
      excludeItemIds: [stored.judgment.itemId],
      excludeExternalIds: [...input.exclude, input.item_id],
      withView: options.withView ?? input.view === "annotate",
    });
    return { ...stored, next };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { ...stored, next: null, nextRefusal: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) } };
  }
}
