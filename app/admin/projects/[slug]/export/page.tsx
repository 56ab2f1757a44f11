import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session";
import { guardPage } from "@/lib/http/page-guard";
import { annotatorIdentityScope, getProjectForActor } from "@/lib/permissions";
import { fieldErrorsOf, summariseFieldErrors } from "@/lib/validations/field-errors";
import { serveExportPreview } from "@/lib/views/export-preview-view";
import { ViewFreshness, ViewPending } from "@/components/admin/view-freshness";
import type { ServedView } from "@/lib/views/stored-view";
import { renderMarkdown } from "@/lib/markdown/render-markdown";
import { exportQuery } from "@/lib/validations/export";
import { buttonClass } from "@/components/ui/button";
import { projectHasReferences } from "@/lib/reference/store";
import { ExportForm, type ExportFormValues } from "./_components/export-form";
import { MergeJudgmentsForm } from "./_components/merge-judgments-form";

export const metadata: Metadata = { title: "Export" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const FIELDS = ["format", "min_judgments", "min_agreement", "exclude_gold", "ties", "consensus", "prompt_format", "both_bad", "from", "to", "identities", "include_reference", "source_agreement"] as const;

/** The form's values as the export route's query: empty fields dropped, one value each. */
function queryOf(search: Record<string, string | string[] | undefined>): ExportFormValues {
  const values: ExportFormValues = {};
  for (const key of FIELDS) {
    const raw = search[key];
    const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
    if (value) values[key] = value;
  }
  return values;
}

/**
 * Exports for leads and admins: choose a format and filters, see how many
 * lines the file will have, then download it from the REST route (which
 * streams it and writes the audit record); the data card of the same
 * selection is shown below. Also the upload that merges judgments from elsewhere.
 */
export default async function ExportPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const actor = await requireActor(`/admin/projects/${slug}/export`);
  const project = await guardPage(() => getProjectForActor({ actor, slug, access: "lead" }));
  const values = queryOf(await searchParams);
  const parsed = exportQuery.safeParse(values);
  // Each bad filter in words beside its field (lib/validations/field-errors.ts), and summed up above.
  const fieldErrors = parsed.success ? undefined : fieldErrorsOf(exportQuery, parsed.error.issues, []);
  const problem = !parsed.success
    ? summariseFieldErrors(fieldErrors ?? {})
    : parsed.data.identities && annotatorIdentityScope(actor, project, "export") !== "all"
      ? "Only an admin can export annotators' identities; leads get stable pseudonyms."
      : parsed.data.from && parsed.data.to && parsed.data.from > parsed.data.to
        ? "“Judged from” must not be after “Judged before”."
        : null;

  let ready: { format: string; lines: number | null; href: string; cardHtml: string; cardHref: string } | null = null;
  // The count and the card walk every judgment of the selection: served from a stored view (lib/views).
  let preview: ServedView<unknown> | null = null;
  if (parsed.success && !problem) {
    const query = parsed.data;
    const served = await serveExportPreview({ projectId: project.id, values: values as Record<string, string> });
    preview = served;
    const api = `/api/v1/projects/${encodeURIComponent(project.slug)}/export`;
    const search = new URLSearchParams(values as Record<string, string>);
    const cardSearch = new URLSearchParams({ ...(values as Record<string, string>), format: "card" });
    cardSearch.delete("identities");
    if (query.format !== "card") cardSearch.set("card_for", query.format);
    if (served.payload) {
      ready = { format: query.format, lines: served.payload.lines, href: `${api}?${search}`, cardHtml: await renderMarkdown(served.payload.cardMarkdown), cardHref: `${api}?${cardSearch}` };
    }
  }

  return (
    <div className="space-y-8">
      <section aria-labelledby="export-title" className="space-y-3">
        <h2 id="export-title" className="text-lg font-semibold">
          Export
        </h2>
        <p className="max-w-3xl text-sm text-gray-700">
          Streamed JSONL as <code>docs/formats.md</code> describes it. Annotators appear as stable pseudonyms. Every download is written to the audit log. The same
          export is at <code>GET /api/v1/projects/{project.slug}/export</code> with a token, and <code>npm run cli -- export --project {project.slug}</code>.
        </p>
        <ExportForm values={values} canSeeIdentities={annotatorIdentityScope(actor, project, "export") === "all"} hasReferences={await projectHasReferences(project.id)} errors={fieldErrors} />
        {problem ? (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
            {problem}
          </p>
        ) : null}
        {preview && !ready ? <ViewPending project={project.slug} view="export-preview" what="The line count and data card" /> : null}
        {preview && ready ? <ViewFreshness served={preview} project={project.slug} view="export-preview" what="Line count and data card" /> : null}
        {ready ? (
          <div className="flex flex-wrap items-center gap-3 rounded-lg border border-blue-200 bg-blue-50 px-4 py-3">
            {ready.lines === null ? (
              <p className="text-sm">The data card of this selection is below.</p>
            ) : (
              <p className="text-sm">
                <strong className="text-lg tabular-nums">{ready.lines.toLocaleString("en-US")}</strong> {ready.format} line{ready.lines === 1 ? "" : "s"} with these
                filters.
              </p>
            )}
            {ready.lines === null ? null : ready.lines > 0 ? (
              <a href={ready.href} download className={buttonClass("primary")}>
                Download {ready.format}.jsonl
              </a>
            ) : (
              <span className="text-sm text-gray-700">Nothing to download: loosen the filters.</span>
            )}
            <a href={ready.cardHref} download className={buttonClass("secondary")}>
              Data card (JSON)
            </a>
            <a href={`${ready.cardHref}&as=md`} download className={buttonClass("secondary")}>
              Data card (markdown)
            </a>
          </div>
        ) : null}
      </section>
      {ready ? (
        <section aria-labelledby="card-title" className="space-y-2">
          <h2 id="card-title" className="text-base font-semibold">
            Data card of this selection
          </h2>
          {/* renderMarkdown sanitizes: the card quotes the guidelines, which are user text. */}
          <div className="prose-pw max-w-none rounded-lg border border-gray-200 bg-white p-5" dangerouslySetInnerHTML={{ __html: ready.cardHtml }} />
        </section>
      ) : null}
      <section aria-labelledby="merge-title" className="space-y-2">
        <h2 id="merge-title" className="text-base font-semibold">
          Merge judgments from elsewhere
        </h2>
        <p className="max-w-3xl text-sm text-gray-700">
          A raw-format JSONL file from a past campaign or another tool: at least <code>item_id</code>, <code>annotator</code> and <code>preference</code> (−
          {project.scale}…{project.scale}) per line. An annotator is a member of this project, named by email or by their pseudonym in this project&apos;s exports, or a
          name without &ldquo;@&rdquo; for an external annotator of this project (no login); any other account is a bad line. Judgments an annotator already made here are left unchanged, so importing a file twice adds nothing.
        </p>
        <MergeJudgmentsForm slug={project.slug} />
      </section>
    </div>
  );
}
