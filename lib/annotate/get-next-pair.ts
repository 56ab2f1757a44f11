import { leaseNextItem, type LeaseRules } from "@/lib/assignment/lease-next-item";
import { isStorableText } from "@/lib/validations/storable";
import type { NextItemBody, PairView } from "@/lib/validations/annotate-response";
import { buildPairView } from "./pair-view";
import { inDisplayOrder, rankedResponses } from "@/lib/ranking-items/ranked-responses";

/**
 * The next pair for an annotator: leases an item (or resumes a held lease not
 * in `excludeExternalIds`, which the screen already shows or has prefetched)
 * and returns both the REST shape and the rendered view. Null when nothing is
 * left. Pass `project` when the caller has read it (getProjectForActor): the
 * lease then costs one statement.
 *
 * @internal caller has checked access
 */
export async function getNextPair(options: {
  userId: string;
  projectId: string;
  project?: LeaseRules;
  /** Internal item ids not to hand back (the item just judged, in the one-request submit). */
  excludeItemIds?: readonly string[];
  excludeExternalIds?: string[];
  withView?: boolean;
}): Promise<{ api: NextItemBody; view: PairView | null } | null> {
  const lease = await leaseNextItem({
    userId: options.userId,
    projectId: options.projectId,
    project: options.project,
    excludeItemIds: options.excludeItemIds,
    // Ids no item can have (too long, or text PostgreSQL cannot even compare) exclude nothing: drop them.
    excludeExternalIds: options.excludeExternalIds?.filter((id) => id.length <= 200 && isStorableText(id)).slice(0, 20),
  });
  if (!lease) return null;
  const item = { externalId: lease.externalId, ...lease.pair };
  const ranked = rankedResponses(item.responses);
  const api: NextItemBody = {
    item_id: lease.externalId,
    kind: ranked ? "ranking" : "pair",
    prompt: item.prompt as NextItemBody["prompt"],
    response_a: item.responseA,
    response_b: item.responseB,
    ...(ranked ? { responses: inDisplayOrder(ranked, lease.displayOrder) } : {}),
    lease_expires_at: lease.expiresAt.toISOString(),
  };
  return { api, view: options.withView ? await buildPairView(item, lease.swapped, lease.expiresAt, lease.displayOrder) : null };
}
