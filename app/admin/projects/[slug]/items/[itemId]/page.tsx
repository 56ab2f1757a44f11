import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { guardPage } from "@/lib/http/page-guard";
import { getItemDetail } from "@/lib/items/get-item-detail";
import { renderMarkdown } from "@/lib/markdown/render-markdown";
import { getProjectForActor } from "@/lib/permissions";
import { scaleLabels } from "@/lib/scale/preference-scale";
import { formatRanking } from "@/lib/ranking-items/ranking";
import { projectAttributes } from "@/lib/validations/project";
import { Badge } from "@/components/ui/badge";
import { readItemReferences } from "@/lib/reference/store";
import { formatDateTime, formatSeconds } from "@/components/admin/format";

export const metadata: Metadata = { title: "Item" };
export const dynamic = "force-dynamic";

/** Model output is untrusted: it is shown only through renderMarkdown (sanitized) or as plain React text. */
async function Markdown({ text }: { text: string }) {
  return <div className="prose-pw text-sm" dangerouslySetInnerHTML={{ __html: await renderMarkdown(text) }} />;
}

/** Route params arrive percent-encoded; an id that is not valid encoding is taken as it is. */
function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export default async function ItemPage({ params }: { params: Promise<{ slug: string; itemId: string }> }) {
  const { slug, itemId: rawId } = await params;
  const itemId = safeDecode(rawId);
  const actor = await requireActor(`/admin/projects/${slug}/items/${rawId}`);
  const [project, item] = await guardPage(async () => {
    const project = await getProjectForActor({ actor, slug, access: "lead" });
    return [project, await getItemDetail({ actor, slug, itemId })] as const;
  });
  // The imported dataset's own label (docs/formats.md, "Reference judgments"): shown to leads here, never to annotators.
  const references = await readItemReferences(project.id, item.itemId);
  const labels = new Map(scaleLabels(project.scale, true).map((o) => [o.value, o.label]));
  const questions = projectAttributes.safeParse(project.attributes);
  const questionOf = new Map((questions.success ? questions.data : []).map((q) => [q.key, q.label]));
  const labelOf = (preference: number) => `${labels.get(preference) ?? "?"} (${preference > 0 ? "+" : ""}${preference})`;
  return (
    <div className="space-y-5">
      <nav aria-label="Breadcrumb" className="text-sm text-gray-600">
        <Link href={`/admin/projects/${project.slug}/items`} className="hover:underline">
          Items
        </Link>{" "}
        / <span className="font-mono break-all">{item.itemId}</span>
      </nav>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span>
          {item.judgmentCount} of {project.overlap} judgments
        </span>
        {item.activeLeases ? <Badge tone="blue">{item.activeLeases} held now</Badge> : null}
        {item.goldPreference !== null ? <Badge tone="amber">gold: {labelOf(item.goldPreference)}</Badge> : null}
        {item.goldPreference !== null ? (
          <span className="text-gray-700">
            {item.goldMinStrength !== null ? `accepts strength ${item.goldMinStrength} or more in that direction` : "accepts any answer in that direction"}
          </span>
        ) : null}
        {references.map((ref) => (
          <Badge key={ref.source} tone="blue">
            source:{ref.source} prefers {ref.preference < 0 ? "A" : ref.preference > 0 ? "B" : "neither (tie)"}
          </Badge>
        ))}
        <span className="text-gray-600">imported {formatDateTime(item.createdAt)}</span>
      </div>
      {item.goldExplanation ? (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm whitespace-pre-wrap text-amber-950">
          <span className="font-medium">Gold explanation: </span>
          {item.goldExplanation}
        </p>
      ) : null}

      <section aria-labelledby="prompt-title" className="rounded-lg border border-gray-200 bg-white p-4">
        <h2 id="prompt-title" className="text-sm font-semibold text-gray-700">
          Prompt
        </h2>
        <div className="mt-2 space-y-3">
          {typeof item.prompt === "string" ? (
            <Markdown text={item.prompt} />
          ) : (
            item.prompt.map((message, index) => (
              <div key={index} className="border-l-2 border-gray-300 pl-3">
                <div className="text-xs font-semibold uppercase tracking-wide text-gray-600">{message.role}</div>
                <Markdown text={message.content} />
              </div>
            ))
          )}
        </div>
      </section>

      <div className="grid gap-4 lg:grid-cols-2">
        {(item.responses
          ? item.responses.map((response, index) => [String(index + 1), response.text, response.model ?? null] as const)
          : ([
              ["A", item.responseA, item.modelA],
              ["B", item.responseB, item.modelB],
            ] as const)
        ).map(([side, text, model]) => (
          <section key={side} aria-labelledby={`response-${side}`} className="min-w-0 rounded-lg border border-gray-200 bg-white p-4">
            <h2 id={`response-${side}`} className="flex flex-wrap items-baseline gap-2 text-sm font-semibold text-gray-700">
              Response {side}
              <span className="font-mono text-xs font-normal text-gray-600">{model ?? "model not given"}</span>
            </h2>
            <div className="mt-2 max-h-[32rem] overflow-auto">
              <Markdown text={text} />
            </div>
          </section>
        ))}
      </div>

      <section aria-labelledby="judgments-title">
        <h2 id="judgments-title" className="text-lg font-semibold">
          Judgments ({item.judgments.length})
        </h2>
        {item.judgments.length === 0 ? (
          <p className="mt-1 text-sm text-gray-600">No judgments yet.</p>
        ) : (
          <ol className="mt-2 space-y-2">
            {item.judgments.map((j) => (
              <li key={j.id} className="rounded-lg border border-gray-200 bg-white p-3 text-sm">
                <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                  <span className="font-semibold">{j.annotator.name}</span>
                  <span className="font-medium">{j.ranking ? `ranked ${formatRanking(j.ranking)}` : j.preference === null ? "?" : labelOf(j.preference)}</span>
                  {j.flags.map((flag) => (
                    <Badge key={flag} tone="red">
                      {flag === "both_bad" ? "both bad" : flag}
                    </Badge>
                  ))}
                  <span className="text-gray-600">time spent {formatSeconds(j.durationMs === null ? null : j.durationMs / 1000)}</span>
                  <span className="text-gray-600">{j.shownSwapped === null ? "sides unknown" : j.shownSwapped ? "B was shown on the left" : "A was shown on the left"}</span>
                  <span className="text-gray-600">guidelines v{j.guidelinesVersion}</span>
                  <span className="ml-auto text-xs text-gray-600">{formatDateTime(j.createdAt)}</span>
                </div>
                {Object.keys(j.attributes).length ? (
                  <dl className="mt-1 flex flex-wrap gap-x-4 text-xs text-gray-700">
                    {Object.entries(j.attributes).map(([key, value]) => (
                      <div key={key} className="flex gap-1">
                        <dt title={key}>{questionOf.get(key) ?? <span className="font-mono">{key}</span>}</dt>
                        <dd className="font-semibold">{String(value)}</dd>
                      </div>
                    ))}
                  </dl>
                ) : null}
                {j.rationale ? <p className="mt-1.5 whitespace-pre-wrap text-gray-900">{j.rationale}</p> : <p className="mt-1 text-xs text-gray-500">No rationale.</p>}
              </li>
            ))}
          </ol>
        )}
        {item.skips.length ? (
          <div className="mt-3">
            <h3 className="text-sm font-semibold">Skipped by</h3>
            <ul className="mt-1 space-y-1 text-sm">
              {item.skips.map((s, index) => (
                <li key={index}>
                  <span className="font-medium">{s.annotator.name}</span>: {s.reason} <span className="text-xs text-gray-600">({formatDateTime(s.createdAt)})</span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>

      {Object.keys(item.metadata).length ? (
        <details className="rounded-lg border border-gray-200 bg-white p-3 text-sm">
          <summary className="cursor-pointer font-semibold">Metadata</summary>
          <pre className="mt-2 overflow-x-auto font-mono text-xs">{JSON.stringify(item.metadata, null, 2)}</pre>
        </details>
      ) : null}
    </div>
  );
}
