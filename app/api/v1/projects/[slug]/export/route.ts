import { projectRoute } from "@/lib/http/project-route";
import { authorizeExport } from "@/lib/export-access/authorize-export";
import { acquireExportSlot, holdExportSlot } from "@/lib/export/acquire-export-slot";
import { buildDataCard, exportProject, renderDataCardMarkdown, toReadableStream } from "@/lib/export";

export const dynamic = "force-dynamic";

/**
 * Streamed JSONL (raw, trl, hh) or the data card (JSON, or markdown with `as=md`). A client that disconnects stops the query.
 * At most two exports per user run at once (a third is a 429); the slot is held until the stream ends or is abandoned.
 */
export const GET = projectRoute({ access: "lead" }, async ({ actor, project: { slug }, request }) => {
  // authorizeExport parses the filters (a bad one is a 400 before the stream starts), decides on identities and audits.
  const search = Object.fromEntries(new URL(request.url).searchParams);
  const { project, query, filters } = await authorizeExport({ actor, slug, params: search });
  const slot = await acquireExportSlot({ userId: actor.id });
  const stamp = new Date().toISOString().slice(0, 10);
  if (query.format === "card") {
    try {
      // In a request the quality figures (the whole history) come from their stored view (docs/architecture.md, "Stored views and paging").
      const card = await buildDataCard({ projectId: project.id, filters, format: query.card_for, signal: request.signal, quality: "stored" });
      if (query.as === "md") {
        return new Response(renderDataCardMarkdown(card), {
          headers: { "Content-Type": "text/markdown; charset=utf-8", "Content-Disposition": `attachment; filename="${project.slug}-card-${stamp}.md"` },
        });
      }
      return Response.json(card, { headers: { "Content-Disposition": `attachment; filename="${project.slug}-card-${stamp}.json"` } });
    } finally {
      await slot.release();
    }
  }
  const lines = exportProject({ projectId: project.id, format: query.format, filters, identities: query.identities, signal: request.signal });
  return new Response(toReadableStream(holdExportSlot(slot, lines, request.signal)), {
    headers: {
      "Content-Type": "application/x-ndjson; charset=utf-8",
      "Content-Disposition": `attachment; filename="${project.slug}-${query.format}-${stamp}.jsonl"`,
      "Cache-Control": "no-store",
    },
  });
});
