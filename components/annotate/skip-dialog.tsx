"use client";

import { useState } from "react";
import { useModalDialog } from "@/components/ui/use-modal-dialog";

const common = ["Outside my expertise", "Broken or unreadable item", "Offensive or disturbing content"];

/** Skipping asks why: the lead reads these reasons to fix items and guidelines. Keys 1–4 pick a reason. */
export function SkipDialog({ onSkip, onCancel, ranking = false }: { onSkip: (reason: string) => void; onCancel: () => void; ranking?: boolean }) {
  const reasons = [...common, ranking ? "Some responses are identical" : "Both responses are identical"];
  const what = ranking ? "Skip this ranking" : "Skip this pair";
  const ref = useModalDialog();
  const [other, setOther] = useState("");
  return (
    <dialog
      ref={ref}
      onClose={onCancel}
      aria-label={what}
      onKeyDown={(event) => {
        const index = Number(event.key) - 1;
        if ((event.target as HTMLElement).tagName !== "INPUT" && reasons[index]) {
          // The digit picks a reason; it must not also choose on the next pair.
          event.preventDefault();
          event.stopPropagation();
          onSkip(reasons[index]!);
        }
      }}
      className="m-auto w-[min(28rem,94vw)] rounded-lg border border-gray-300 p-5 shadow-xl backdrop:bg-black/30"
    >
      <h2 className="text-lg font-semibold">{what} — why?</h2>
      <div className="mt-3 space-y-1.5">
        {reasons.map((reason, index) => (
          <button key={reason} type="button" onClick={() => onSkip(reason)} className="flex w-full items-center gap-2 rounded border border-gray-300 px-3 py-1.5 text-left text-sm hover:bg-gray-50" autoFocus={index === 0}>
            <kbd>{index + 1}</kbd> {reason}
          </button>
        ))}
      </div>
      <form
        className="mt-3 flex gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          if (other.trim()) onSkip(other.trim());
        }}
      >
        <label className="flex-1">
          <span className="sr-only">Other reason</span>
          <input value={other} onChange={(e) => setOther(e.target.value)} maxLength={500} placeholder="Other reason" className="w-full rounded border border-gray-300 px-2 py-1.5 text-sm" />
        </label>
        <button type="submit" className="rounded bg-gray-900 px-3 py-1.5 text-sm text-white">
          Skip
        </button>
      </form>
      <button type="button" onClick={() => ref.current?.close()} className="mt-3 text-sm text-gray-600 underline">
        Cancel (Esc)
      </button>
    </dialog>
  );
}
