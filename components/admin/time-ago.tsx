import { formatAgo, formatDateTime } from "./format";

/** A relative time with the exact UTC time one hover (or screen reader) away. */
export function TimeAgo({ date }: { date: Date | string | null | undefined }) {
  if (!date) return <span className="text-gray-500">never</span>;
  const d = typeof date === "string" ? new Date(date) : date;
  return (
    <time dateTime={d.toISOString()} title={formatDateTime(d)}>
      {formatAgo(d)}
    </time>
  );
}
