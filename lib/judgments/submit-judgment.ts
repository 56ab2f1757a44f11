import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { SubmitJudgmentInput } from "@/lib/validations/judgment";
import { isUniqueViolation } from "./is-unique-violation";
import { judgmentViewSelect, type JudgmentRules, type JudgmentView } from "./judgment-view";
import { validateJudgmentFields } from "./validate-judgment-fields";

/** The judgment already stored under this client id, if it is this user's on this item; 409 if it is anyone else's. */
async function findRetry(clientId: string, userId: string, itemId: string): Promise<JudgmentView | null> {
  const stored = await db.judgment.findUnique({ where: { clientId }, select: judgmentViewSelect });
  if (!stored) return null;
  if (stored.userId !== userId || stored.itemId !== itemId) {
    throw new AppError("conflict", "This client_id was already used for another judgment; send a new one.");
  }
  return stored;
}

/**
 * Stores an annotator's judgment of an item they were assigned. `input.item_id`
 * is the item's external id and `input.preference` is already in the item's
 * own A/B terms. A retry with the same `client_id` returns the stored judgment
 * with `created: false` (201 then 200 over HTTP).
 *
 * A judgment that arrives after its lease expired, even after the lease was
 * reclaimed and the slot handed to someone else, is still kept as long as the
 * user has not judged the item: human work is never thrown away, even if the
 * item then ends up with more than `overlap` judgments.
 */
export async function submitJudgment(options: {
  userId: string;
  project: JudgmentRules;
  input: SubmitJudgmentInput;
  now?: Date;
}): Promise<{ judgment: JudgmentView; created: boolean }> {
  const { userId, project, input, now = new Date() } = options;
  const item = await db.item.findUnique({
    where: { projectId_externalId: { projectId: project.id, externalId: input.item_id } },
    select: { id: true, assignments: { where: { userId }, select: { id: true, swapped: true } } },
  });
  if (!item) throw new AppError("not_found", `No item "${input.item_id}" in this project.`);
  const retried = await findRetry(input.client_id, userId, item.id);
  if (retried) return { judgment: retried, created: false };

  const problems = validateJudgmentFields(project, input);
  if (problems.length) throw new AppError("unprocessable", problems.join("; "), { issues: problems });
  const assignment = item.assignments[0];
  if (!assignment) throw new AppError("conflict", "This item was not assigned to you.");

  try {
    const judgment = await db.$transaction(
      async (tx) => {
        const created = await tx.judgment.create({
          data: {
            itemId: item.id,
            userId,
            preference: input.preference,
            flags: input.flags,
            rationale: input.rationale,
            attributes: input.attributes,
            guidelinesVersion: project.guidelinesVersion,
            shownSwapped: assignment.swapped,
            durationMs: input.duration_ms ?? null,
            clientId: input.client_id,
          },
          select: judgmentViewSelect,
        });
        // Assignment before Item, the order reclaimExpiredLeases locks them in.
        // Only a lease that is still open is taken off activeLeases: a
        // reclaimed one was taken off already.
        const closed = await tx.assignment.updateMany({
          where: { id: assignment.id, open: true },
          data: { open: false, completedAt: now },
        });
        if (closed.count === 0) await tx.assignment.update({ where: { id: assignment.id }, data: { completedAt: now } });
        await tx.item.update({
          where: { id: item.id },
          data: { judgmentCount: { increment: 1 }, activeLeases: { decrement: closed.count } },
          select: { id: true },
        });
        return created;
      },
      { maxWait: 10_000, timeout: 20_000 },
    );
    return { judgment, created: true };
  } catch (error) {
    // A double click or a retry racing the first request: the loser hits the
    // unique index on clientId or (itemId, userId).
    if (!isUniqueViolation(error)) throw error;
    const raced = await findRetry(input.client_id, userId, item.id);
    if (raced) return { judgment: raced, created: false };
    throw new AppError("conflict", "You have already judged this item; use undo to change your judgment.");
  }
}
