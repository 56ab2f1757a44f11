import { SortableHeaderCells, sortRows, type SortColumn, type SortDir } from "@/components/admin/sortable-columns";
import type { AnnotatorAgreement } from "@/lib/agreement/types";
import type { AnnotatorFlag } from "@/lib/agreement/readings";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { percent, seconds } from "@/components/analytics/format";

export const SORT_KEYS = ["annotator", "judgments", "majority", "side", "time", "ties"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type { SortDir };

const columns: SortColumn<SortKey, AnnotatorAgreement>[] = [
  { key: "annotator", label: "Annotator", numeric: false, value: (_row, name) => name.toLowerCase() },
  { key: "judgments", label: "Judgments", numeric: true, value: (row) => row.judgments },
  { key: "majority", label: "Agrees with majority", numeric: true, value: (row) => row.majority_agreement },
  { key: "side", label: "Side bias (left)", numeric: true, value: (row) => row.side_bias },
  { key: "time", label: "Median time", numeric: true, value: (row) => row.median_duration_ms },
  { key: "ties", label: "Tie rate", numeric: true, value: (row) => row.tie_rate },
];


export function AnnotatorTable({
  rows,
  flags,
  nameOf,
  pseudonymShown,
  sort,
  dir,
  basePath,
}: {
  rows: AnnotatorAgreement[];
  flags: Map<string, AnnotatorFlag[]>;
  nameOf: (pseudonym: string) => string;
  pseudonymShown: boolean;
  sort: SortKey;
  dir: SortDir;
  basePath: string;
}) {
  const sorted = sortRows(rows, columns, nameOf, sort, dir);
  return (
    <Table caption="Agreement per annotator">
      <thead>
        <tr>
          <SortableHeaderCells columns={columns} sort={sort} dir={dir} basePath={basePath} />
          <Th>Worth a look</Th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((row) => {
          const rowFlags = flags.get(row.annotator) ?? [];
          return (
            <tr key={row.annotator} className={rowFlags.length ? "bg-amber-50/60" : undefined}>
              <Td>
                {nameOf(row.annotator)}
                {pseudonymShown ? <span className="ml-1.5 font-mono text-xs text-gray-500">{row.annotator}</span> : null}
              </Td>
              <Td className="text-right tabular-nums">{row.judgments.toLocaleString("en-US")}</Td>
              <Td className="text-right tabular-nums">{percent(row.majority_agreement)}</Td>
              <Td className="text-right tabular-nums">{percent(row.side_bias)}</Td>
              <Td className="text-right tabular-nums">{seconds(row.median_duration_ms)}</Td>
              <Td className="text-right tabular-nums">{percent(row.tie_rate)}</Td>
              <Td>
                {rowFlags.length === 0 ? (
                  <span className="text-gray-400">—</span>
                ) : (
                  <ul className="space-y-0.5">
                    {rowFlags.map((flag) => (
                      <li key={flag.kind} className="flex flex-wrap items-center gap-1.5 text-xs text-gray-800">
                        <Badge tone="amber">{flag.kind === "side_bias" ? "side bias" : "low agreement"}</Badge>
                        {flag.text}
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
