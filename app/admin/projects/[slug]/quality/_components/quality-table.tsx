import { SortableHeaderCells, sortRows, type SortColumn, type SortDir } from "@/components/admin/sortable-columns";
import type { ReactNode } from "react";
import type { AnnotatorQuality, QualityStatusName } from "@/lib/quality/project-quality";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Table, Td } from "@/components/ui/table";
import { fixed, percent, seconds } from "@/components/analytics/format";

export const QUALITY_SORT_KEYS = ["annotator", "status", "judgments", "gold", "consistency", "reliability", "majority", "side", "time", "flags"] as const;
export type QualitySortKey = (typeof QUALITY_SORT_KEYS)[number];
export type { SortDir };

const STATUS_BADGE: Record<QualityStatusName, { tone: BadgeTone; label: string }> = {
  active: { tone: "green", label: "active" },
  qualifying: { tone: "blue", label: "qualifying" },
  paused: { tone: "amber", label: "paused" },
  not_qualified: { tone: "red", label: "not qualified" },
};

type Column = SortColumn<QualitySortKey, AnnotatorQuality>;

const columns: Column[] = [
  { key: "annotator", label: "Annotator", numeric: false, value: (_row, name) => name.toLowerCase() },
  { key: "status", label: "Status", numeric: false, value: (row) => row.status },
  { key: "judgments", label: "Judgments", numeric: true, value: (row) => row.judgments },
  { key: "reliability", label: "Reliability", numeric: true, title: "Dawid–Skene: the probability that one of their labels is the true direction", value: (row) => row.reliability },
  { key: "gold", label: "Gold (95% CI)", numeric: true, value: (row) => row.gold.accuracy },
  { key: "consistency", label: "Re-checks", numeric: true, title: "Swapped re-checks answered in the same direction", value: (row) => row.self_consistency.share_same_direction },
  { key: "majority", label: "Majority", numeric: true, title: "Agreement with the majority of the other annotators on the same item", value: (row) => row.majority_agreement },
  { key: "side", label: "Left side", numeric: true, title: "Side bias: share of non-tie judgments choosing the left response (0.5 is unbiased)", value: (row) => row.side_bias },
  { key: "time", label: "Median", numeric: true, title: "Median time per judgment", value: (row) => row.median_duration_ms },
  { key: "flags", label: "Flags", numeric: true, right: false, title: "Judgments carrying integrity flags", value: (row) => row.flagged },
];


function Confusion({ matrix }: { matrix: number[][] }) {
  const names = ["A", "tie", "B"];
  return (
    <details className="mt-0.5 text-xs text-gray-600">
      <summary className="cursor-pointer">matrix</summary>
      <table className="mt-1 border-collapse font-mono">
        <caption className="sr-only">Confusion matrix: rows the true direction, columns the label given</caption>
        <thead>
          <tr>
            <th scope="col" className="px-1 text-left font-normal">true↓ given→</th>
            {names.map((n) => (
              <th key={n} scope="col" className="px-1 text-right font-normal">
                {n}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.map((row, t) => (
            <tr key={names[t]}>
              <th scope="row" className="px-1 text-left font-normal">
                {names[t]}
              </th>
              {row.map((v, l) => (
                <td key={l} className={`px-1 text-right ${t === l ? "font-semibold text-gray-900" : ""}`}>
                  {v.toFixed(2)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** One row per annotator, sortable by a validated `sort`/`dir` query (server-side: links, no script needed). */
export function QualityTable({
  rows,
  nameOf,
  pseudonymShown,
  sort,
  dir,
  basePath,
  statusCell,
}: {
  rows: readonly AnnotatorQuality[];
  nameOf: (pseudonym: string) => string;
  pseudonymShown: boolean;
  sort: QualitySortKey;
  dir: SortDir;
  basePath: string;
  /** Replaces the status badge of a member's row (the quality page: the badge with the lead's actions). */
  statusCell?: (row: AnnotatorQuality) => ReactNode;
}) {
  const sorted = sortRows(rows, columns, nameOf, sort, dir);
  return (
    <Table caption="Quality per annotator">
      <thead>
        <tr>
          <SortableHeaderCells columns={columns} sort={sort} dir={dir} basePath={basePath} />
        </tr>
      </thead>
      <tbody>
        {sorted.map((row) => {
          const badge = row.status ? STATUS_BADGE[row.status] : null;
          const g = row.gold;
          const sc = row.self_consistency;
          return (
            <tr key={row.annotator}>
              <Td className="whitespace-nowrap">
                {nameOf(row.annotator)}
                {pseudonymShown && nameOf(row.annotator) !== row.annotator ? <div className="font-mono text-xs text-gray-500">{row.annotator}</div> : null}
              </Td>
              <Td>{badge && statusCell ? statusCell(row) : badge ? <Badge tone={badge.tone}>{badge.label}</Badge> : <span className="text-xs text-gray-600">not a member</span>}</Td>
              <Td className="text-right tabular-nums">{row.judgments.toLocaleString("en-US")}</Td>
              <Td className="text-right tabular-nums">
                {fixed(row.reliability)}
                {row.confusion ? <Confusion matrix={row.confusion} /> : null}
              </Td>
              <Td className="text-right whitespace-nowrap tabular-nums">
                {g.answered === 0 ? (
                  <span className="text-gray-500">no gold yet</span>
                ) : (
                  <>
                    {percent(g.accuracy)} <span className="text-xs text-gray-600">({percent(g.ci_low)}–{percent(g.ci_high)})</span>
                    <div className="text-xs text-gray-600">
                      {g.correct} of {g.answered}
                    </div>
                  </>
                )}
              </Td>
              <Td className="text-right whitespace-nowrap tabular-nums">
                {sc.rechecks === 0 ? (
                  <span className="text-gray-500">no re-checks</span>
                ) : (
                  <>
                    {percent(sc.share_same_direction)}
                    <div className="text-xs text-gray-600">
                      {sc.rechecks} re-check{sc.rechecks === 1 ? "" : "s"}, Δ {fixed(sc.mean_abs_difference, 1)}
                    </div>
                  </>
                )}
              </Td>
              <Td className="text-right tabular-nums">{percent(row.majority_agreement)}</Td>
              <Td className="text-right tabular-nums">{percent(row.side_bias)}</Td>
              <Td className="text-right tabular-nums">{seconds(row.median_duration_ms)}</Td>
              <Td className="min-w-36">
                {row.flags.length === 0 ? (
                  <span className="text-gray-500">none</span>
                ) : (
                  <ul className="space-y-0.5 text-xs text-gray-800">
                    <li className="text-gray-600">
                      {row.flagged} of {row.judgments.toLocaleString("en-US")} flagged
                    </li>
                    {row.flags.map((flag) => (
                      <li key={flag.code} title={flag.sentence} className="flex flex-wrap items-center gap-1.5">
                        <Badge tone="amber" title={flag.sentence}>
                          {flag.code.replace(/_/g, " ")} × {flag.count}
                        </Badge>
                        {flag.sentence !== flag.code ? <span>{flag.sentence}</span> : null}
                      </li>
                    ))}
                  </ul>
                )}
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
