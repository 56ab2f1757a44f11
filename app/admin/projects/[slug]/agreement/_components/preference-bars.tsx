import { scaleLabels } from "@/lib/scale/preference-scale";
import { percent } from "@/components/analytics/format";

/** How often each point of the scale was chosen, as labelled bars with counts (the numbers carry the meaning). */
export function PreferenceBars({ distribution, scale, allowTie }: { distribution: Record<string, number>; scale: number; allowTie: boolean }) {
  const labels = new Map(scaleLabels(scale, allowTie).map((option) => [option.value, option.label]));
  const values = Object.keys(distribution).map(Number).sort((a, b) => a - b);
  const total = values.reduce((sum, v) => sum + (distribution[String(v)] ?? 0), 0);
  const max = Math.max(1, ...values.map((v) => distribution[String(v)] ?? 0));
  if (total === 0) return <p className="text-sm text-gray-600">No judgments yet.</p>;
  return (
    <ul className="space-y-1.5">
      {values.map((value) => {
        const count = distribution[String(value)] ?? 0;
        const tone = value < 0 ? "bg-sky-600" : value > 0 ? "bg-violet-600" : "bg-gray-400";
        return (
          <li key={value} className="grid grid-cols-[9rem_1fr_6.5rem] items-center gap-2 text-sm">
            <span className="truncate text-gray-800">
              <span className="font-mono text-xs text-gray-500">{value > 0 ? `+${value}` : value}</span> {labels.get(value) ?? (value === 0 ? "Tie" : "off scale")}
            </span>
            <span className="h-3 rounded-sm bg-gray-100" aria-hidden="true">
              <span className={`block h-3 rounded-sm ${tone}`} style={{ width: `${(count / max) * 100}%` }} />
            </span>
            <span className="text-right tabular-nums text-gray-700">
              {count.toLocaleString("en-US")} <span className="text-gray-500">({percent(count / total)})</span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
