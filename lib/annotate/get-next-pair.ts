import { db } from "@/lib/db";
import { leaseNextItem } from "@/lib/assignment/lease-next-item";
import { buildPairView, type PairView } from "./pair-view";

/**
 * The next pair for an annotator: leases an item (or resumes a held lease not
 * in `excludeExternalIds`, which the screen already shows or has prefetched)
 * and returns both the REST shape and the rendered view. Null when nothing is left.
 */
export async function getNextPair(options: {
  userId: string;
  projectId: string;
  excludeExternalIds?: string[];
  withView?: boolean;
}): Promise<{ api: NextItemBody; view: PairView | null } | null> {
  const exclude = options.excludeExternalIds?.length
    ? await db.item.findMany({
        where: { projectId: options.projectId, externalId: { in: options.excludeExternalIds.slice(0, 20) } },
        select: { id: true },
      })
    : [];
  const lease = await leaseNextItem({
    userId: options.userId,
    projectId: options.projectId,
    excludeItemIds: exclude.map((item) => item.id),
  });
  if (!lease) return null;
  const item = await db.item.findUniqueOrThrow({
    where: { id: lease.itemId },
    select: { externalId: true, prompt: true, responseA: true, responseB: true },
  });
  const api: NextItemBody = {
    item_id: item.externalId,
    prompt: item.prompt as NextItemBody["prompt"],
    response_a: item.responseA,
    response_b: item.responseB,
    lease_expires_at: lease.expiresAt.toISOString(),
  };
  return { api, view: options.withView ? buildPairView(item, lease.swapped, lease.expiresAt) : null };
}

export type NextItemBody = {
  item_id: string;
  prompt: string | { role: string; content: string }[];
  response_a: string;
  response_b: string;
  lease_expires_at: string;
};
