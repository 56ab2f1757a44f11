import type { PairCount } from "@/lib/ranking/project-leaderboard";
import { HeatCell } from "@/components/analytics/heat-cell";
import { percent } from "@/components/analytics/format";

/**
 * How often the row model won against the column model (a tie is half a
 * win), with the number of comparisons behind each cell. Blue: the row model
 * wins more; red: it loses more.
 */
export function WinRateMatrix({ models, winRate, pairs }: { models: string[]; winRate: Record<string, Record<string, number | null>>; pairs: PairCount[] }) {
  const count = new Map<string, number>();
  for (const p of pairs) {
    count.set(`${p.a}\u0000${p.b}`, p.comparisons);
    count.set(`${p.b}\u0000${p.a}`, p.comparisons);
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
      <table className="border-collapse text-sm">
        <caption className="sr-only">Win rate of each model (rows) against each other model (columns)</caption>
        <thead>
          <tr>
            <td className="px-2 py-1 text-xs text-gray-500">row beats column</td>
            {models.map((m) => (
              <th key={m} scope="col" className="px-2 py-1 text-xs font-medium whitespace-nowrap text-gray-700">
                {m}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {models.map((row) => (
            <tr key={row}>
              <th scope="row" className="px-2 py-1 text-left text-xs font-medium whitespace-nowrap text-gray-700">
                {row}
              </th>
              {models.map((col) => {
                if (row === col) return <td key={col} className="border border-white bg-gray-200 px-2 py-1.5 text-center text-xs text-gray-500">—</td>;
                const rate = winRate[row]?.[col] ?? null;
                const n = count.get(`${row}\u0000${col}`) ?? 0;
                return (
                  <HeatCell
                    key={col}
                    value={rate}
                    scale={{ min: 0, mid: 0.5, max: 1 }}
                    label={n ? percent(rate) : "·"}
                    title={n ? `${row} against ${col}: ${percent(rate, 1)} of points over ${n} comparison${n === 1 ? "" : "s"}` : "Never compared"}
                  >
                    {n ? <span className="block text-[10px] opacity-80">n={n}</span> : null}
                  </HeatCell>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
