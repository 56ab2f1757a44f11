import Link from "next/link";
import type { ImportReportJson } from "@/lib/validations/item-import";

/** What the import did: counts first, then every bad line as `line N: reason`. */
export function ImportReportView({ report, slug, onError }: { report: ImportReportJson; slug: string; onError: "abort" | "skip" }) {
  const refused = report.total_errors > 0 && report.imported === 0 && !report.dry_run;
  const heading = report.dry_run ? "Check finished: nothing was imported" : refused ? "Nothing was imported" : "Import finished";
  return (
    <section aria-labelledby="report-title" className="rounded-lg border border-gray-200 bg-white p-4" tabIndex={-1} id="import-report">
      <h3 id="report-title" className="text-base font-semibold">
        {heading}
      </h3>
      <dl className="mt-2 grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
        {[
          [report.dry_run ? "Would import" : "Imported", report.imported],
          ["Duplicates (left unchanged)", report.duplicates],
          ["Bad lines", report.total_errors],
          ["Records read", report.lines],
        ].map(([label, value]) => (
          <div key={label} className="rounded border border-gray-200 px-3 py-2">
            <dt className="text-xs text-gray-600">{label}</dt>
            <dd className="text-lg font-semibold tabular-nums">{Number(value).toLocaleString("en-US")}</dd>
          </div>
        ))}
      </dl>
      {refused && onError === "abort" ? (
        <p className="mt-3 text-sm text-gray-800">The file has bad lines, so nothing was imported. Fix them, or tick “Skip bad lines” to import the good ones.</p>
      ) : null}
      {report.duplicate_ids.length ? (
        <details className="mt-3 text-sm">
          <summary className="cursor-pointer">Ids already in the project ({report.duplicates.toLocaleString("en-US")})</summary>
          <p className="mt-1 font-mono text-xs break-all text-gray-700">
            {report.duplicate_ids.join(", ")}
            {report.duplicates > report.duplicate_ids.length ? ", …" : ""}
          </p>
        </details>
      ) : null}
      {report.errors.length ? (
        <div className="mt-3">
          <h4 className="text-sm font-semibold">Bad lines</h4>
          <ol className="mt-1 max-h-80 overflow-auto rounded border border-red-200 bg-red-50 px-3 py-2 font-mono text-xs leading-relaxed text-red-950">
            {report.errors.map((e) => (
              <li key={e.line}>
                line {e.line}: {e.reason}
              </li>
            ))}
          </ol>
          {report.total_errors > report.errors.length ? (
            <p className="mt-1 text-xs text-gray-700">…and {(report.total_errors - report.errors.length).toLocaleString("en-US")} more bad lines not listed.</p>
          ) : null}
        </div>
      ) : null}
      {report.imported > 0 && !report.dry_run ? (
        <p className="mt-3 text-sm">
          <Link href={`/admin/projects/${slug}/items`} className="text-blue-800 underline">
            See the items
          </Link>
        </p>
      ) : null}
    </section>
  );
}
