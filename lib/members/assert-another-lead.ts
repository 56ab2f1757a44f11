import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";

/**
 * A project never loses its last lead: someone must be able to run it.
 * The lead rows are locked, so two leads removing each other at the same
 * moment cannot both succeed (the second sees the first one gone).
 *
 * @internal caller has checked access
 */
export async function assertAnotherLead(tx: Tx, projectId: string, userId: string): Promise<void> {
  const leads = await tx.$queryRaw<{ userId: string }[]>`
    SELECT "userId" FROM "Membership" WHERE "projectId" = ${projectId} AND "role" = 'LEAD' FOR UPDATE`;
  if (!leads.some((lead) => lead.userId !== userId)) {
    throw new AppError("conflict", "This is the project's last lead. Make someone else a lead first.");
  }
}
