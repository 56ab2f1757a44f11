import { projectRoute } from "@/lib/http/project-route";
import { authorizeExport } from "@/lib/export-access/authorize-export";
import { buildDataCard, exportProject, renderDataCardMarkdown, toReadableStream } from "@/lib/export";

export const dynamic = "force-dynamic";

/** Streamed JSONL (raw, trl, hh) or the data card (JSON, or markdown with `as=md`). A client that disconnects stops the query. */
export const GET = projectRoute({ access: "lead" }, async ({ actor, project: { slug }, request }) => {
  // authorizeExport parses the filters (a bad one is a 400 before the stream starts), decides on identities and audits.
  const search = Object.fromEntries(new URL(request.url).searchParams);
  const { project, query, filters } = await authorizeExport({ actor, slug, params: search });
  const stamp = new Date().toISOString().slice(0, 10);
  if (query.format === "card") {
    const card = await buildDataCard({ projectId: project.id, filters, signal: request.signal });
    if (query.as === "md") {
      return new Response(renderDataCardMarkdown(card), {
        headers: { "Content-Type": "text/markdown; charset=utf-8", "Content-Disposition": `attachment; filename="${project.slug}-card-${stamp}.md"` },
      });
    }
    return Response.json(card, { headers: { "Content-Disposition": `attachment; filename="${project.slug}-card-${stamp}.json"` } });
  }
  const lines = exportProject({ projectId: project.id, format: query.format, filters, identities: query.identities, signal: request.signal });
  return new Response(toReadableStream(lines), {
    headers: {
      "Content-Type": "application/x-ndjson; charset=utf-8",
      "Content-Disposition": `attachment; filename="${project.slug}-${query.format}-${stamp}.jsonl"`,
      "Cache-Control": "no-store",
    },
  });
});
