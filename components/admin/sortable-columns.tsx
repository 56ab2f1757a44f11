import Link from "next/link";
import { Th } from "@/components/ui/table";

export type SortDir = "asc" | "desc";

/** A column of a server-sorted per-annotator table: `value` is what it sorts by (null sorts last). */
export type SortColumn<K extends string, R> = {
  key: K;
  label: string;
  numeric: boolean;
  /** Right-aligned header; defaults to `numeric`. */
  right?: boolean;
  title?: string;
  value: (row: R, name: string) => number | string | null;
};

/** Undefined figures sort last whichever the direction: they are not "lowest". */
export function sortRows<K extends string, R extends { annotator: string }>(
  rows: readonly R[],
  columns: readonly SortColumn<K, R>[],
  nameOf: (pseudonym: string) => string,
  key: K,
  dir: SortDir,
): R[] {
  const column = columns.find((c) => c.key === key)!;
  return [...rows].sort((x, y) => {
    const a = column.value(x, nameOf(x.annotator));
    const b = column.value(y, nameOf(y.annotator));
    if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
    const order = a < b ? -1 : a > b ? 1 : 0;
    return dir === "asc" ? order : -order;
  });
}

/** The header cells: each a link that sorts by its column (numbers start high, text starts at A), the active one marked. */
export function SortableHeaderCells<K extends string, R>({
  columns,
  sort,
  dir,
  basePath,
}: {
  columns: readonly SortColumn<K, R>[];
  sort: K;
  dir: SortDir;
  basePath: string;
}) {
  return columns.map((column) => {
    const active = column.key === sort;
    const next: SortDir = active ? (dir === "asc" ? "desc" : "asc") : column.numeric ? "desc" : "asc";
    return (
      <Th key={column.key} title={column.title} aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined} className={(column.right ?? column.numeric) ? "text-right" : ""}>
        <Link href={`${basePath}?sort=${column.key}&dir=${next}#annotators`} className="hover:underline" scroll={false}>
          {column.label}
          <span aria-hidden="true" className="ml-0.5 text-gray-500">
            {active ? (dir === "asc" ? "▲" : "▼") : ""}
          </span>
        </Link>
      </Th>
    );
  });
}
