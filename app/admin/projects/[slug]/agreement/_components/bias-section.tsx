import type { BiasBin, FeatureBias, PositionBias, ProjectBias } from "@/lib/bias";
import { STYLE_FEATURES, type StyleFeature } from "@/lib/bias/style-features";
import { sigmoid } from "@/lib/bias/stats";
import { Table, Td, Th } from "@/components/ui/table";
import { fixed, percent } from "@/components/analytics/format";

const W = 320;
const H = 170;
const PAD = { left: 34, right: 10, top: 10, bottom: 30 };
const TITLE: Record<StyleFeature, string> = { words: "Length", headers: "Headers", list_items: "List items", bold: "Bold spans", code_blocks: "Code blocks" };
const AXIS: Record<StyleFeature, string> = {
  words: "B − A, in 100 words",
  headers: "B − A, headers",
  list_items: "B − A, list items",
  bold: "B − A, bold spans",
  code_blocks: "B − A, code blocks",
};

function Frame({ label, xLo, xHi, xLabel, children }: { label: string; xLo: number; xHi: number; xLabel: string; children: React.ReactNode }) {
  const sx = (v: number) => PAD.left + ((v - xLo) / (xHi - xLo || 1)) * (W - PAD.left - PAD.right);
  const sy = (v: number) => PAD.top + (1 - v) * (H - PAD.top - PAD.bottom);
  const ticks = [xLo, (xLo + xHi) / 2, xHi];
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full max-w-md" role="img" aria-label={label}>
      {[0, 0.5, 1].map((t) => (
        <g key={t}>
          <line x1={PAD.left} x2={W - PAD.right} y1={sy(t)} y2={sy(t)} stroke={t === 0.5 ? "#9ca3af" : "#e5e7eb"} strokeDasharray={t === 0.5 ? "3 3" : undefined} />
          <text x={PAD.left - 4} y={sy(t) + 3} textAnchor="end" fontSize={9} fill="#4b5563">
            {t * 100}%
          </text>
        </g>
      ))}
      {ticks.map((t) => (
        <text key={t} x={sx(t)} y={H - PAD.bottom + 12} textAnchor="middle" fontSize={9} fill="#4b5563">
          {Number.isInteger(t) ? t : t.toFixed(1)}
        </text>
      ))}
      <text x={(PAD.left + W - PAD.right) / 2} y={H - 4} textAnchor="middle" fontSize={9} fill="#374151">
        {xLabel}
      </text>
      {children}
    </svg>
  );
}

/** P(B chosen) per bin of the difference (dots sized by judgments) and the fitted logistic curve. */
function FeaturePlot({ feature, figure, bins }: { feature: StyleFeature; figure: FeatureBias; bins: BiasBin[] }) {
  const xs = bins.map((b) => b.x);
  let lo = Math.min(-1, ...xs);
  let hi = Math.max(1, ...xs);
  const span = Math.max(Math.abs(lo), Math.abs(hi));
  lo = -span;
  hi = span;
  const sx = (v: number) => PAD.left + ((v - lo) / (hi - lo)) * (W - PAD.left - PAD.right);
  const sy = (v: number) => PAD.top + (1 - v) * (H - PAD.top - PAD.bottom);
  const maxN = Math.max(1, ...bins.map((b) => b.n));
  const fit = figure.fit;
  const curve = fit
    ? Array.from({ length: 41 }, (_, k) => {
        const x = lo + ((hi - lo) * k) / 40;
        return `${k ? "L" : "M"}${sx(x).toFixed(1)},${sy(sigmoid(fit.intercept + fit.coef * x)).toFixed(1)}`;
      }).join(" ")
    : null;
  const label = `${TITLE[feature]}: share of judgments choosing B by ${AXIS[feature]}${fit ? `, with the fitted curve (log-odds ${fixed(fit.coef)} per unit)` : ""}. ${figure.sentence}`;
  return (
    <Frame label={label} xLo={lo} xHi={hi} xLabel={AXIS[feature]}>
      {bins.map((b) => (
        <circle key={b.x} cx={sx(b.x)} cy={sy(b.b_rate)} r={2 + 4 * Math.sqrt(b.n / maxN)} fill="#1d4ed8" opacity={0.55}>
          <title>{`${fixed(b.x)}: B chosen in ${percent(b.b_rate)} of ${b.n}`}</title>
        </circle>
      ))}
      {curve ? <path d={curve} fill="none" stroke={figure.distinguishable ? "#b91c1c" : "#1e3a8a"} strokeWidth={2} /> : null}
    </Frame>
  );
}

/** Each annotator's left-side share with its Wilson 95% interval; the dashed line is 50%. */
function PositionPlot({ project, rows, nameOf }: { project: PositionBias; rows: { annotator: string; position: PositionBias }[]; nameOf: (a: string) => string }) {
  const all = [{ annotator: "All annotators", position: project, isProject: true }, ...rows.map((r) => ({ ...r, isProject: false }))].filter((r) => r.position.share !== null);
  const rowH = 18;
  const height = 24 + all.length * rowH;
  const left = 110;
  const sx = (v: number) => left + v * (W - left - 10);
  return (
    <svg viewBox={`0 0 ${W} ${height}`} className="h-auto w-full max-w-md" role="img" aria-label={`Position: share of non-tie judgments won by the left-shown response, per annotator, with 95% intervals. ${project.sentence}`}>
      {[0, 0.25, 0.5, 0.75, 1].map((t) => (
        <g key={t}>
          <line x1={sx(t)} x2={sx(t)} y1={4} y2={height - 16} stroke={t === 0.5 ? "#9ca3af" : "#f3f4f6"} strokeDasharray={t === 0.5 ? "3 3" : undefined} />
          <text x={sx(t)} y={height - 4} textAnchor="middle" fontSize={9} fill="#4b5563">
            {t * 100}%
          </text>
        </g>
      ))}
      {all.map((r, k) => {
        const y = 12 + k * rowH;
        const colour = r.position.distinguishable ? "#b91c1c" : "#1d4ed8";
        const name = r.isProject ? r.annotator : nameOf(r.annotator);
        return (
          <g key={r.annotator}>
            <text x={left - 6} y={y + 3} textAnchor="end" fontSize={9} fill="#111827" fontWeight={r.isProject ? 600 : 400}>
              {name.length > 20 ? `${name.slice(0, 19)}…` : name}
            </text>
            <line x1={sx(r.position.ci_low!)} x2={sx(r.position.ci_high!)} y1={y} y2={y} stroke={colour} strokeWidth={2} opacity={0.5} />
            <circle cx={sx(r.position.share!)} cy={y} r={3.5} fill={colour}>
              <title>{`${name}: left won ${percent(r.position.share)} of ${r.position.counted} (95% ${percent(r.position.ci_low)}–${percent(r.position.ci_high)})`}</title>
            </circle>
          </g>
        );
      })}
    </svg>
  );
}

function Effect({ f }: { f: FeatureBias }) {
  if (!f.fit) return <span className="text-gray-500">—</span>;
  return (
    <span className={f.distinguishable ? "font-semibold text-red-800" : undefined}>
      {fixed(f.fit.coef)} <span className="text-xs font-normal text-gray-600">({fixed(f.fit.coef_low)} to {fixed(f.fit.coef_high)})</span>
    </span>
  );
}

/** The "Bias" section of the agreement page: position, length and formatting (docs/formats.md, "Bias diagnostics"). */
export function BiasSection({ bias, nameOf }: { bias: ProjectBias; nameOf: (a: string) => string }) {
  return (
    <div className="space-y-4">
      <div className="grid gap-4 lg:grid-cols-2">
        <figure className="rounded-lg border border-gray-200 bg-white p-3">
          <figcaption className="text-sm font-semibold">Position</figcaption>
          <p className="mt-1 text-sm text-gray-700" data-testid="bias-sentence-position">
            {bias.position.sentence}
          </p>
          <PositionPlot project={bias.position} rows={bias.per_annotator} nameOf={nameOf} />
        </figure>
        {STYLE_FEATURES.map((f) => (
          <figure key={f} className="rounded-lg border border-gray-200 bg-white p-3">
            <figcaption className="text-sm font-semibold">{TITLE[f]}</figcaption>
            <p className="mt-1 text-sm text-gray-700" data-testid={`bias-sentence-${f}`}>
              {bias.features[f].sentence}
            </p>
            <FeaturePlot feature={f} figure={bias.features[f]} bins={bias.bins[f]} />
          </figure>
        ))}
      </div>
      <Table caption="Bias per annotator">
        <thead>
          <tr>
            <Th>Annotator</Th>
            <Th className="text-right">Non-tie</Th>
            <Th className="text-right">Left won (95%)</Th>
            <Th className="text-right">Longer won</Th>
            <Th className="text-right">Log-odds per 100 words (95%)</Th>
            <Th>Formatting effects</Th>
          </tr>
        </thead>
        <tbody>
          {bias.per_annotator.map((r) => {
            const flagged = STYLE_FEATURES.filter((f) => f !== "words" && r.features[f].distinguishable).map((f) => `${TITLE[f].toLowerCase()} ${r.features[f].fit!.coef > 0 ? "+" : "−"}`);
            return (
              <tr key={r.annotator}>
                <Td>{nameOf(r.annotator)}</Td>
                <Td className="text-right tabular-nums">{r.decisive}</Td>
                <Td className={`text-right tabular-nums whitespace-nowrap ${r.position.distinguishable ? "font-semibold text-red-800" : ""}`}>
                  {percent(r.position.share)} <span className="text-xs font-normal text-gray-600">{r.position.ci_low === null ? "" : `(${percent(r.position.ci_low)}–${percent(r.position.ci_high)})`}</span>
                </Td>
                <Td className="text-right tabular-nums">{percent(r.features.words.share)}</Td>
                <Td className="text-right tabular-nums whitespace-nowrap">
                  <Effect f={r.features.words} />
                </Td>
                <Td className="text-sm">{flagged.length ? flagged.join(", ") : <span className="text-gray-500">none distinguishable</span>}</Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
    </div>
  );
}
