"use client";

import { useModalDialog } from "@/components/ui/use-modal-dialog";

/** The project's guidelines (server-rendered markdown) in a modal dialog; Esc or the button closes it. */
export function GuidelinesDialog({ html, onClose }: { html: string; onClose: () => void }) {
  const ref = useModalDialog();
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-label="Guidelines"
      className="m-auto max-h-[85vh] w-[min(46rem,94vw)] rounded-lg border border-gray-300 p-0 shadow-xl backdrop:bg-black/30"
    >
      <div className="flex items-center justify-between border-b border-gray-200 px-5 py-3">
        <h2 className="text-lg font-semibold">Guidelines</h2>
        <button type="button" onClick={() => ref.current?.close()} className="rounded px-2 py-1 text-sm hover:bg-gray-100" autoFocus>
          Close <kbd>Esc</kbd>
        </button>
      </div>
      <div className="prose-pw max-h-[70vh] overflow-auto px-5 py-4" dangerouslySetInnerHTML={{ __html: html }} />
    </dialog>
  );
}
