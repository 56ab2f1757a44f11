import "server-only";
import { db, queryPrepared } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { SubmitJudgmentInput } from "@/lib/validations/judgment";
import { Prisma } from "@/lib/generated/prisma/client";
import { newRowId } from "@/lib/assignment/new-row-id";
import { releaseLeasesSql } from "@/lib/assignment/release-leases";
import { judgmentViewSelect, type JudgmentRules, type JudgmentView } from "./judgment-view";
import { answerKindProblem, validateJudgmentFields } from "./validate-judgment-fields";
import { rankedResponses } from "@/lib/ranking-items/ranked-responses";
import { assertJudgmentsOpen } from "./assert-judgments-open";
import { assertExpectedUser } from "./assert-expected-user";
import { integrityMetadataSql } from "@/lib/quality/integrity/integrity-metadata";
import { submitCheckAnswer, type GoldFeedback } from "@/lib/quality/submit-check";

/** The judgment already stored under this client id, if it is this user's on this item; 409 if it is anyone else's. */
async function findRetry(clientId: string, userId: string, itemId: string): Promise<JudgmentView | null> {
  const stored = await db.judgment.findUnique({ where: { clientId }, select: judgmentViewSelect });
  if (!stored) return null;
  if (stored.userId !== userId || stored.itemId !== itemId) {
    throw new AppError("conflict", "This client_id was already used for another judgment; send a new one.");
  }
  return stored;
}

type Stored = Omit<JudgmentView, "item">;

/**
 * The write, in one statement: lock the user's assignment of the item, insert
 * the judgment stamped with the side order that assignment showed, close the
 * assignment, and count the judgment on the item (releaseLeasesSql: the lease
 * comes off activeLeases only if it was still open, a reclaimed one was taken
 * off already). No row back means nothing was written: no such item, no assignment, or
 * a unique index said no (a retry, a double click, a second judgment).
 * The integrity signals and flags (lib/quality/integrity) go in with it: the
 * item's text length comes from the row the statement reads anyway.
 */
async function insertJudgment(options: { userId: string; project: JudgmentRules; input: SubmitJudgmentInput; now: Date }): Promise<Stored | null> {
  const { userId, project, input, now } = options;
  // A pair item takes a preference; a ranking item a ranking of all its K
  // responses (validated as a permutation of 0..n-1 before: n must be K).
  const ranking = input.ranking ?? null;
  const kindMatches = ranking
    ? Prisma.sql`jsonb_array_length(i."responses") = ${ranking.reduce((n, tier) => n + tier.length, 0)}::int`
    : Prisma.sql`i."responses" IS NULL`;
  // A named prepared statement on the driver (lib/db/prepared.ts): one text per answer kind (pair or ranking).
  const rows = await queryPrepared<Stored>(ranking ? "pw_submit_ranking" : "pw_submit", Prisma.sql`
    WITH target AS (
      SELECT a."id", a."itemId", a."swapped", a."displayOrder", a."open",
             char_length(i."promptText") + char_length(i."responseA") + char_length(i."responseB")
               + coalesce(char_length(i."responses"::text), 0) AS "chars"
      FROM "Assignment" a JOIN "Item" i ON i."id" = a."itemId"
      WHERE i."projectId" = ${project.id} AND i."externalId" = ${input.item_id} AND a."userId" = ${userId} AND ${kindMatches}
      FOR NO KEY UPDATE OF a
    ), created AS (
      INSERT INTO "Judgment" ("id", "itemId", "userId", "preference", "ranking", "shownOrder", "flags", "rationale", "attributes", "guidelinesVersion",
                              "shownSwapped", "durationMs", "clientId", "metadata", "createdAt", "updatedAt")
      SELECT ${newRowId()}, t."itemId", ${userId}, ${input.preference ?? null}::int,
             ${ranking ? JSON.stringify(ranking) : null}::jsonb, t."displayOrder",
             ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(input.flags)}::jsonb)),
             ${input.rationale}, ${JSON.stringify(input.attributes)}::jsonb, ${project.guidelinesVersion}::int,
             CASE WHEN ${ranking === null} THEN t."swapped" END, ${input.duration_ms ?? null}::int, ${input.client_id},
             ${integrityMetadataSql(input, Prisma.sql`t."chars"`)}, ${now}, ${now}
      FROM target t
      ON CONFLICT DO NOTHING
      RETURNING *
    ), ${releaseLeasesSql({ target: Prisma.sql`SELECT tg."id", tg."open" FROM target tg, created c`, completedAt: now, judged: true })}
    SELECT "id", "itemId", "userId", "preference", "ranking", "shownOrder", "flags", "rationale", "attributes", "guidelinesVersion",
           "shownSwapped", "durationMs", "clientId", "createdAt", "updatedAt"
    FROM created`);
  return rows[0] ?? null;
}

/** Why nothing was written, as the error (or the retried judgment) the caller gets. */
async function explainRefusal(options: { userId: string; projectId: string; input: SubmitJudgmentInput }) {
  const { userId, projectId, input } = options;
  const item = await db.item.findUnique({
    where: { projectId_externalId: { projectId, externalId: input.item_id } },
    select: {
      id: true,
      responses: true,
      assignments: { where: { userId }, select: { id: true } },
      judgments: { where: { userId }, select: { id: true } },
    },
  });
  if (!item) throw new AppError("not_found", `No item "${input.item_id}" in this project.`);
  const retried = await findRetry(input.client_id, userId, item.id);
  if (retried) return retried;
  const kindProblem = answerKindProblem(rankedResponses(item.responses)?.length ?? null, input);
  if (kindProblem) throw new AppError("unprocessable", kindProblem, { issues: [kindProblem] });
  if (item.judgments.length) throw new AppError("conflict", "You have already judged this item; use undo to change your judgment.");
  if (!item.assignments.length) throw new AppError("conflict", "This item was not assigned to you.");
  // The statement raced a change it could not see (the assignment was being
  // written); the caller may simply send the same client_id again.
  throw new AppError("conflict", "This judgment could not be stored just now; send it again with the same client_id.");
}

/**
 * Stores an annotator's judgment of an item they were assigned. `input.item_id`
 * is the item's external id and `input.preference` is already in the item's
 * own A/B terms; a ranking item's `input.ranking` is in item indices, and the
 * display order the assignment showed is stored with it (shownOrder). A retry with the same `client_id` returns the stored judgment
 * with `created: false` (201 then 200 over HTTP).
 *
 * A judgment that arrives after its lease expired, even after the lease was
 * reclaimed and the slot handed to someone else, is still kept as long as the
 * user has not judged the item: human work is never thrown away, even if the
 * item then ends up with more than `overlap` judgments.
 *
 * A gold item or a swapped re-check the user was served is answered into
 * CheckAnswer instead (same answer shape; `feedback` only for gold in
 * training mode), so it is never counted as a judgment.
 */
export async function submitJudgment(options: {
  userId: string;
  project: JudgmentRules;
  input: SubmitJudgmentInput;
  now?: Date;
}): Promise<{ judgment: JudgmentView; created: boolean; feedback?: GoldFeedback }> {
  const { userId, project, input, now = new Date() } = options;
  assertExpectedUser(input, { id: userId });
  if (project.status === "ARCHIVED") {
    // A retry of a judgment stored before the archive still gets it back (so the outbox can let go); anything new is a 409.
    const stored = await db.judgment.findUnique({
      where: { clientId: input.client_id },
      select: { ...judgmentViewSelect, item: { select: { externalId: true, projectId: true } } },
    });
    const isRetry = stored?.userId === userId && stored.item.projectId === project.id && stored.item.externalId === input.item_id;
    if (stored && isRetry) return { judgment: stored, created: false };
    assertJudgmentsOpen(project);
  }
  const problems = validateJudgmentFields(project, input);
  if (problems.length) {
    // An unknown item is still a 404, and a retry of a judgment stored before
    // the project's rules changed still gets its stored judgment back.
    const retried = await explainRefusal({ userId, projectId: project.id, input }).catch((error: unknown) => {
      if (error instanceof AppError && error.code === "not_found") throw error;
      return null;
    });
    if (retried) return { judgment: retried, created: false };
    throw new AppError("unprocessable", problems.join("; "), { issues: problems });
  }
  // The common case is one round trip; the lookups that explain a refusal run only when one happens.
  const stored = await insertJudgment({ userId, project, input, now });
  if (stored) return { judgment: { ...stored, item: { externalId: input.item_id } }, created: true };
  // Gold items and re-checks are answered into CheckAnswer (lib/quality/submit-check.ts), never into Judgment.
  const check = await submitCheckAnswer({ userId, project, input, now });
  if (check) return check;
  return { judgment: await explainRefusal({ userId, projectId: project.id, input }), created: false };
}
