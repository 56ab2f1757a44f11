"use client";

export type Side = "A" | "B";

/**
 * Phones (< 768 px): two tabs, sticky at the top of the responses, show one
 * response at a time so B is a tap away however long A is. Hidden from md
 * up, where both responses stand side by side.
 */
export function ResponseSwitcher({ side, onChange }: { side: Side; onChange: (side: Side) => void }) {
  return (
    <div role="tablist" aria-label="Show response" className="sticky top-0 z-10 -mx-3 flex gap-2 bg-[#f7f7f5] px-3 py-1.5 md:hidden">
      {(["A", "B"] as const).map((s) => (
        <button
          key={s}
          type="button"
          role="tab"
          id={`response-tab-${s}`}
          aria-selected={side === s}
          aria-controls={`response-pane-${s}`}
          onClick={() => onChange(s)}
          className={`flex-1 rounded-md border px-3 py-2 text-sm font-semibold ${
            side === s ? "border-gray-900 bg-gray-900 text-white" : "border-gray-300 bg-white text-gray-800"
          }`}
        >
          Response {s}
        </button>
      ))}
    </div>
  );
}
