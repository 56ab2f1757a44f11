export type BadgeTone = "gray" | "blue" | "green" | "amber" | "red";

const tones: Record<BadgeTone, string> = {
  gray: "bg-gray-100 text-gray-800 border-gray-300",
  blue: "bg-blue-50 text-blue-900 border-blue-200",
  green: "bg-green-50 text-green-900 border-green-200",
  amber: "bg-amber-50 text-amber-900 border-amber-200",
  red: "bg-red-50 text-red-900 border-red-200",
};

/** A small label. Its text carries the meaning; the colour only repeats it. */
export function Badge({ tone = "gray", children, title }: { tone?: BadgeTone; children: React.ReactNode; title?: string }) {
  return (
    <span title={title} className={`inline-flex items-center rounded border px-1.5 py-px text-xs font-medium whitespace-nowrap ${tones[tone]}`}>
      {children}
    </span>
  );
}
