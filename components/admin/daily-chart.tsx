import type { DayCount } from "@/lib/progress/judgments-per-day";

// The SVG stretches to its box (preserveAspectRatio="none"); the axis labels
// are HTML around it, so text keeps its size from phone to desktop.
const W = 300;
const H = 100;

/** A round upper bound for the y axis: 1, 2, 5, 10, 20, 50… */
function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (value <= step * power) return step * power;
  return 10 * power;
}

/**
 * Judgments per day as inline SVG bars (no chart library), with the same
 * numbers in a table for screen readers and anyone who prefers numbers.
 */
export function DailyChart({ days, title }: { days: DayCount[]; title: string }) {
  const total = days.reduce((sum, d) => sum + d.judgments, 0);
  const max = niceMax(Math.max(...days.map((d) => d.judgments), 0));
  const slot = W / Math.max(days.length, 1);
  const barW = slot * 0.72;
  const first = days[0]?.date ?? "";
  const middle = days[Math.floor((days.length - 1) / 2)]?.date ?? "";
  const last = days[days.length - 1]?.date ?? "";
  return (
    <figure className="rounded-lg border border-gray-200 bg-white p-3">
      <figcaption className="text-sm font-semibold">
        {title} <span className="font-normal text-gray-600">— {total.toLocaleString("en-US")} in {days.length} days (UTC)</span>
      </figcaption>
      <div className="mt-3 grid grid-cols-[auto_minmax(0,1fr)] gap-x-2 text-xs text-gray-600">
        <div aria-hidden="true" className="flex h-40 flex-col justify-between text-right tabular-nums">
          <span className="-mt-1.5">{max}</span>
          <span>{max / 2}</span>
          <span className="-mb-1.5">0</span>
        </div>
        <svg
          viewBox={`0 0 ${W} ${H}`}
          preserveAspectRatio="none"
          className="h-40 w-full"
          role="img"
          aria-label={`${title}: ${total} judgments from ${first} to ${last}, at most ${Math.max(...days.map((d) => d.judgments), 0)} on one day. The table below lists each day.`}
        >
          {[0, 0.5, 1].map((t) => (
            <line key={t} x1={0} x2={W} y1={H * t} y2={H * t} stroke="#e5e7eb" strokeWidth={1} vectorEffect="non-scaling-stroke" />
          ))}
          {days.map((d, i) => {
            const h = (d.judgments / max) * H;
            return (
              <rect key={d.date} x={i * slot + (slot - barW) / 2} y={H - h} width={barW} height={h} fill="#1d4ed8">
                <title>{`${d.date}: ${d.judgments} judgments`}</title>
              </rect>
            );
          })}
        </svg>
        <span />
        <div aria-hidden="true" className="mt-1 flex justify-between font-mono">
          <span>{first.slice(5)}</span>
          <span>{middle.slice(5)}</span>
          <span>{last.slice(5)}</span>
        </div>
      </div>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-gray-700">Show as a table</summary>
        <div className="mt-2 max-h-72 overflow-auto">
          <table className="w-full max-w-sm text-sm">
            <caption className="sr-only">{title}, per day</caption>
            <thead>
              <tr className="text-left text-xs text-gray-600">
                <th scope="col" className="py-1 pr-4 font-semibold">
                  Day (UTC)
                </th>
                <th scope="col" className="py-1 text-right font-semibold">
                  Judgments
                </th>
              </tr>
            </thead>
            <tbody>
              {[...days].reverse().map((d) => (
                <tr key={d.date} className="border-t border-gray-100">
                  <td className="py-1 pr-4 font-mono text-xs">{d.date}</td>
                  <td className="py-1 text-right tabular-nums">{d.judgments}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
