/** A labelled form control with an optional hint; the hint is tied to the control for screen readers by `hintId`. */
export function Field({ label, hint, hintId, children, className = "" }: { label: string; hint?: React.ReactNode; hintId?: string; children: React.ReactNode; className?: string }) {
  return (
    <label className={`block ${className}`}>
      <span className="text-sm font-medium text-gray-900">{label}</span>
      <span className="mt-1 block">{children}</span>
      {hint ? (
        <span id={hintId} className="mt-1 block text-xs text-gray-600">
          {hint}
        </span>
      ) : null}
    </label>
  );
}

export const inputClass = "w-full rounded-md border border-gray-300 bg-white px-2.5 py-1.5 text-sm";
