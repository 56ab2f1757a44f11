import type { ImportPreviewEntry } from "@/lib/validations/item-import";

/** The first rows of the chosen file, parsed the way the import will parse them. */
export function PreviewTable({ entries }: { entries: ImportPreviewEntry[] }) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-gray-200 bg-white">
      <table className="w-full border-collapse text-sm">
        <caption className="sr-only">Preview of the first rows</caption>
        <thead>
          <tr className="bg-gray-50 text-left text-xs text-gray-700">
            {["Line", "Id", "Prompt", "Response A", "Response B", "Models", "Gold"].map((h) => (
              <th key={h} scope="col" className="border-b border-gray-200 px-3 py-2 font-semibold whitespace-nowrap">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) =>
            "error" in entry ? (
              <tr key={entry.line} className="bg-red-50">
                <td className="border-b border-gray-100 px-3 py-2 align-top tabular-nums">{entry.line}</td>
                <td colSpan={6} className="border-b border-gray-100 px-3 py-2 text-red-900">
                  <span className="font-semibold">Bad line:</span> line {entry.line}: {entry.error}
                </td>
              </tr>
            ) : (
              <tr key={entry.line}>
                <td className="border-b border-gray-100 px-3 py-2 align-top tabular-nums">{entry.line}</td>
                <td className="border-b border-gray-100 px-3 py-2 align-top font-mono text-xs [overflow-wrap:anywhere] min-w-20">
                  {entry.id}
                  {entry.in_project ? <span className="mt-1 block font-sans text-gray-600">already in the project: left unchanged</span> : null}
                </td>
                <td className="max-w-64 min-w-44 border-b border-gray-100 px-3 py-2 align-top whitespace-pre-wrap [overflow-wrap:anywhere]">{entry.prompt}</td>
                <td className="max-w-64 min-w-44 border-b border-gray-100 px-3 py-2 align-top whitespace-pre-wrap [overflow-wrap:anywhere]">{entry.response_a}</td>
                <td className="max-w-64 min-w-44 border-b border-gray-100 px-3 py-2 align-top whitespace-pre-wrap [overflow-wrap:anywhere]">{entry.response_b}</td>
                <td className="border-b border-gray-100 px-3 py-2 align-top text-xs whitespace-nowrap">
                  {entry.model_a ?? "—"}
                  <br />
                  {entry.model_b ?? "—"}
                </td>
                <td className="border-b border-gray-100 px-3 py-2 align-top tabular-nums">{entry.gold ?? "—"}</td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}
