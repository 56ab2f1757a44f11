/** A progress bar with its numbers available to screen readers (colour is never the only signal). */
export function ProgressBar({ value, max, label, tone = "blue" }: { value: number; max: number; label: string; tone?: "blue" | "gray" }) {
  const percent = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 0;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value}
      aria-valuetext={`${value} of ${max} (${percent}%)`}
      className="mt-1 h-2 w-full overflow-hidden rounded-full bg-gray-200"
    >
      <div className={`h-full ${tone === "blue" ? "bg-blue-600" : "bg-gray-500"}`} style={{ width: `${percent}%` }} />
    </div>
  );
}
