import { ActionButton } from "@/components/admin/action-button";
import { TimeAgo } from "@/components/admin/time-ago";
import { refreshViewAction } from "@/app/admin/projects/[slug]/view-actions";
import type { StoredViewKey } from "@/lib/validations/stored-view";

type Freshness = { asOf: Date | null; stale: boolean; newJudgments: number; recomputing: boolean; error: string | null };

/**
 * The "as of" line of a stored view (lib/views): when its figures were
 * computed, whether the data moved since and an update is under way, and a
 * Refresh button (the action checks the reader leads the project).
 */
export function ViewFreshness({ served, project, view, what, threshold = 500 }: { served: Freshness; project: string; view: StoredViewKey; what: string; threshold?: number }) {
  const moved = served.newJudgments > 0 ? `${served.newJudgments.toLocaleString("en-US")}${served.newJudgments >= threshold ? "+" : ""} new judgment${served.newJudgments === 1 ? "" : "s"} since` : null;
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border border-gray-200 bg-gray-50 px-3 py-1.5 text-xs text-gray-700" role="status">
      <span>
        {what} as of {served.asOf ? <TimeAgo date={served.asOf} /> : "—"}
        {moved ? `; ${moved}` : ""}
        {served.recomputing ? "; updating in the background (reload to see it)" : served.stale ? "; out of date" : ""}.
      </span>
      {served.error ? <span className="text-red-800">The last update failed: {served.error}</span> : null}
      <ActionButton action={refreshViewAction} input={{ project, view }} label="Refresh" pendingLabel="Refreshing…" ariaLabel={`Refresh the ${what.toLowerCase()}`} />
    </div>
  );
}

/** In place of a stored view whose first computation has not finished yet. */
export function ViewPending({ project, view, what }: { project: string; view: StoredViewKey; what: string }) {
  return (
    <div className="flex flex-wrap items-center gap-3 rounded-lg border border-gray-200 bg-white p-4 text-sm text-gray-700" role="status">
      <span>{what}: being computed over every judgment for the first time. Reload in a moment.</span>
      <ActionButton action={refreshViewAction} input={{ project, view }} label="Refresh" pendingLabel="Refreshing…" ariaLabel={`Refresh the ${what.toLowerCase()}`} />
    </div>
  );
}
