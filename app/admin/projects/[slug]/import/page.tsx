import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session";
import { guardPage } from "@/lib/http/page-guard";
import { getProjectForActor } from "@/lib/permissions";
import { ImportForm } from "./_components/import-form";

export const metadata: Metadata = { title: "Import pairs" };
export const dynamic = "force-dynamic";

const example = `{"id": "q-0001", "prompt": "Explain RLHF in one paragraph.", "response_a": "…", "response_b": "…", "model_a": "model-x", "model_b": "model-y"}`;

export default async function ImportPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await requireActor(`/admin/projects/${slug}/import`);
  const project = await guardPage(() => getProjectForActor({ actor, slug, access: "lead" }));
  return (
    <div className="space-y-4">
      <div>
        <h2 className="text-lg font-semibold">Import pairs</h2>
        <p className="mt-1 max-w-3xl text-sm text-gray-700">
          JSONL (one item a line), a JSON array, or CSV with the same columns. Required: <code>prompt</code> (text or a chat message list),{" "}
          <code>response_a</code>, <code>response_b</code>. Optional: <code>id</code>, <code>model_a</code>, <code>model_b</code>, <code>metadata</code>,{" "}
          <code>gold_preference</code> (−{project.scale}…{project.scale}). A ranking item has <code>responses</code> (3–9 of{" "}
          <code>{`{"text", "model"?}`}</code>) instead of the two responses, and may have a <code>gold_ranking</code>. Ids already in the project are reported and left unchanged.
        </p>
        <details className="mt-1 text-sm">
          <summary className="cursor-pointer text-gray-700">Example line</summary>
          <pre className="mt-1 overflow-x-auto rounded bg-white p-2 font-mono text-xs">{example}</pre>
        </details>
      </div>
      <ImportForm slug={project.slug} />
    </div>
  );
}
