/** The score axis shared by every row's interval, so intervals line up down the table. */
export type Axis = { lo: number; hi: number; ticks: number[] };

const WIDTH = 240;
const HEIGHT = 22;
const PAD = 8;

export function scoreAxis(values: number[]): Axis {
  const finite = values.filter(Number.isFinite);
  let lo = Math.min(1000, ...finite);
  let hi = Math.max(1000, ...finite);
  const span = Math.max(hi - lo, 20);
  lo -= span * 0.05;
  hi += span * 0.05;
  const step = [10, 20, 25, 50, 100, 200, 250, 500, 1000].find((s) => (hi - lo) / s <= 5) ?? 1000;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi; t += step) ticks.push(t);
  return { lo, hi, ticks };
}

const x = (axis: Axis, value: number) => PAD + ((value - axis.lo) / (axis.hi - axis.lo || 1)) * (WIDTH - 2 * PAD);

/** One model's score (dot) and 95% interval (bar); the dashed line is 1000, the average model. */
export function IntervalPlot({ axis, score, low, high, label }: { axis: Axis; score: number; low: number | null; high: number | null; label: string }) {
  return (
    <svg width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label} className="block">
      <line x1={x(axis, 1000)} x2={x(axis, 1000)} y1={2} y2={HEIGHT - 2} stroke="#9ca3af" strokeDasharray="2 2" />
      {low !== null && high !== null ? (
        <>
          <line x1={x(axis, low)} x2={x(axis, high)} y1={HEIGHT / 2} y2={HEIGHT / 2} stroke="#1d4ed8" strokeWidth={3} strokeLinecap="round" opacity={0.45} />
          <line x1={x(axis, low)} x2={x(axis, low)} y1={HEIGHT / 2 - 5} y2={HEIGHT / 2 + 5} stroke="#1d4ed8" />
          <line x1={x(axis, high)} x2={x(axis, high)} y1={HEIGHT / 2 - 5} y2={HEIGHT / 2 + 5} stroke="#1d4ed8" />
        </>
      ) : null}
      <circle cx={x(axis, score)} cy={HEIGHT / 2} r={4.5} fill="#1e3a8a" />
    </svg>
  );
}

/** Tick labels for the interval column's header. */
export function AxisTicks({ axis }: { axis: Axis }) {
  return (
    <svg width={WIDTH} height={16} viewBox={`0 0 ${WIDTH} 16`} aria-hidden="true" className="block">
      {axis.ticks.map((t) => (
        <text key={t} x={x(axis, t)} y={12} textAnchor="middle" fontSize={10} fill="#4b5563">
          {t}
        </text>
      ))}
    </svg>
  );
}
