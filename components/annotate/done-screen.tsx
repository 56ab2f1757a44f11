import Link from "next/link";
import { doneText, judgedNoun } from "@/lib/annotate/progress-text";

/** Nothing left for this annotator: the same words as "My projects" ("done — 1 skipped"). */
export function DoneScreen({ judged, skipped, saving, onUndo, hasRankingItems = false }: { judged: number; skipped: number; saving: number; onUndo: () => void; hasRankingItems?: boolean }) {
  return (
    <div className="mx-auto max-w-md p-10 text-center" role="status">
      <h2 className="text-xl font-semibold">All done here</h2>
      <p className="mt-2 text-gray-700">
        There is nothing left for you in this project right now. You judged {judged} {judgedNoun(hasRankingItems, judged)} this session.
      </p>
      <p className="mt-2 font-medium text-gray-800" data-testid="done-status">
        Your part: {doneText(skipped)}
      </p>
      {saving ? <p className="mt-2 text-amber-800">Still saving {saving}… keep this tab open.</p> : null}
      <div className="mt-6 flex justify-center gap-3">
        <button type="button" onClick={onUndo} className="rounded border border-gray-300 bg-white px-3 py-1.5 text-sm">
          Change my last judgment <kbd>U</kbd>
        </button>
        <Link href="/projects" className="whitespace-nowrap rounded bg-gray-900 px-3 py-1.5 text-sm text-white">
          My projects
        </Link>
      </div>
    </div>
  );
}
