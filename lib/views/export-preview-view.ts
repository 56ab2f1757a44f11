import "server-only";
import { buildDataCard, countExportLines, renderDataCardMarkdown } from "@/lib/export";
import { exportFiltersOf, exportQuery } from "@/lib/validations/export";
import { serveView, type ServedView, type ViewDefinition } from "./stored-view";

export type ExportPreview = { lines: number | null; cardMarkdown: string };

/**
 * The export page's line count and data card for one selection (the form's
 * values, as the export route's query): both walk every judgment the filters
 * keep, and the card computes agreement over them.
 */
export const exportPreviewView: ViewDefinition<Record<string, string>, ExportPreview> = {
  key: "export-preview",
  compute: async (projectId, values, signal) => {
    const query = exportQuery.parse(values);
    const filters = exportFiltersOf(query);
    const [lines, card] = await Promise.all([
      query.format === "card" ? Promise.resolve(null) : countExportLines({ projectId, format: query.format, filters }),
      buildDataCard({ projectId, filters, format: query.format === "card" ? undefined : query.format, signal }),
    ]);
    return { lines, cardMarkdown: renderDataCardMarkdown(card) };
  },
};

/** @internal caller has checked access and validated `values` with exportQuery */
export function serveExportPreview(options: { projectId: string; values: Record<string, string> }): Promise<ServedView<ExportPreview>> {
  // Identities change the download, not the count or the card: one stored preview for both.
  const { identities: _identities, ...values } = options.values;
  return serveView(exportPreviewView, { projectId: options.projectId, params: values });
}
