import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { guardPage } from "@/lib/http/page-guard";
import { getProjectForActor } from "@/lib/permissions";
import { listItems } from "@/lib/items/list-items";
import { serveModelNames } from "@/lib/views/model-names-view";
import { listItemsFiltersOf, listItemsQuery } from "@/lib/validations/item-list";
import { Table, Td, Th } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Pagination, readBack, readCursor } from "@/components/admin/pagination";
import { formatDate } from "@/components/admin/format";

export const metadata: Metadata = { title: "Items" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const filterKeys = ["search", "min_judgments", "max_judgments", "gold", "skipped", "state", "model"] as const;

export default async function ItemsPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: SearchParams }) {
  const { slug } = await params;
  const actor = await requireActor(`/admin/projects/${slug}/items`);
  const project = await guardPage(() => getProjectForActor({ actor, slug, access: "lead" }));
  const raw = await searchParams;
  const filters: Record<string, string | undefined> = {};
  for (const key of filterKeys) {
    const value = raw[key];
    const text = Array.isArray(value) ? value[0] : value;
    if (text) filters[key] = text;
  }
  const parsed = listItemsQuery.safeParse(filters);
  const cursor = readCursor(raw.cursor);
  const query = parsed.success ? listItemsFiltersOf(parsed.data) : null;
  const range = query?.judgments;
  const bad = !query || (range?.min !== undefined && range.max !== undefined && range.min > range.max);
  const [page, models] = await Promise.all([
    bad || !query ? { items: [], next_cursor: null } : listItems({ projectId: project.id, ...query, cursor, limit: 50 }),
    serveModelNames({ projectId: project.id }),
  ]);
  const base = `/admin/projects/${project.slug}/items`;
  const filtered = Object.keys(filters).length > 0;
  return (
    <div className="space-y-3">
      {filters.state === "disagreeing" ? (
        <p className="text-sm text-gray-700">
          Items still open because their judgments disagree: they have at least k ({project.overlapMin ?? project.overlap}) and wait for more, up to K ({project.overlapMax ?? project.overlap}).
        </p>
      ) : null}
      {filters.skipped === "true" ? (
        <p className="text-sm text-gray-700">
          Items at least one annotator skipped.{" "}
          <Link href={`/admin/projects/${project.slug}/skips`} className="text-blue-800 underline">
            Read the reasons
          </Link>
        </p>
      ) : null}
      <form method="get" action={base} role="search" aria-label="Filter items" className="grid gap-2 rounded-lg border border-gray-200 bg-white p-3 sm:grid-cols-2 lg:grid-cols-[minmax(0,2fr)_6rem_6rem_7rem_8rem_9rem_minmax(0,1fr)_auto] lg:items-end">
        <label className="block text-xs font-medium">
          Search prompt or id
          <input name="search" type="search" defaultValue={filters.search} className={`${inputClass} mt-0.5`} />
        </label>
        <label className="block text-xs font-medium">
          Min judgments
          <input name="min_judgments" type="number" min={0} defaultValue={filters.min_judgments} className={`${inputClass} mt-0.5`} />
        </label>
        <label className="block text-xs font-medium">
          Max judgments
          <input name="max_judgments" type="number" min={0} defaultValue={filters.max_judgments} className={`${inputClass} mt-0.5`} />
        </label>
        <label className="block text-xs font-medium">
          Gold
          <select name="gold" defaultValue={filters.gold ?? ""} className={`${inputClass} mt-0.5`}>
            <option value="">any</option>
            <option value="true">gold only</option>
            <option value="false">not gold</option>
          </select>
        </label>
        <label className="block text-xs font-medium">
          Skipped
          <select name="skipped" defaultValue={filters.skipped ?? ""} className={`${inputClass} mt-0.5`}>
            <option value="">any</option>
            <option value="true">skipped by someone</option>
            <option value="false">never skipped</option>
          </select>
        </label>
        <label className="block text-xs font-medium">
          State
          <select name="state" defaultValue={filters.state ?? ""} className={`${inputClass} mt-0.5`}>
            <option value="">any</option>
            <option value="open">open</option>
            <option value="disagreeing">open, disagreeing</option>
            <option value="finished">finished</option>
            <option value="early">finished early</option>
          </select>
        </label>
        <label className="block text-xs font-medium">
          Model
          <input name="model" list="item-models" defaultValue={filters.model} className={`${inputClass} mt-0.5`} />
          <datalist id="item-models">
            {models.map((m) => (
              <option key={m} value={m} />
            ))}
          </datalist>
        </label>
        <div className="flex gap-2">
          <button type="submit" className={buttonClass("primary")}>
            Filter
          </button>
          {filtered ? (
            <Link href={base} className={buttonClass("ghost")}>
              Clear
            </Link>
          ) : null}
        </div>
      </form>
      {bad ? (
        <p role="alert" className="text-sm text-red-800">
          These filters do not fit together{parsed.success ? ": the minimum is above the maximum" : ""}. Change them and filter again.
        </p>
      ) : page.items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-gray-300 bg-white p-4 text-sm text-gray-700">
          {filtered ? "No items match these filters." : "No items yet. "}
          {!filtered ? (
            <Link href={`/admin/projects/${project.slug}/import`} className="text-blue-800 underline">
              Import pairs
            </Link>
          ) : null}
        </p>
      ) : (
        <Table caption={`Items of ${project.name}`}>
          <thead>
            <tr>
              <Th>Id</Th>
              <Th>Prompt</Th>
              <Th>Models (A / B)</Th>
              <Th className="text-right">Judgments</Th>
              <Th>Gold</Th>
              <Th>Imported</Th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((item) => (
              <tr key={item.item_id} className="hover:bg-gray-50">
                <Td className="min-w-24 font-mono text-xs">
                  <Link href={`${base}/${encodeURIComponent(item.item_id)}`} className="text-blue-800 underline [overflow-wrap:anywhere]">
                    {item.item_id}
                  </Link>
                </Td>
                <Td className="max-w-md min-w-48">
                  <span className="line-clamp-2 [overflow-wrap:anywhere]">{item.prompt_preview}</span>
                </Td>
                <Td className="text-xs whitespace-nowrap">
                  {item.model_a ?? "—"} / {item.model_b ?? "—"}
                </Td>
                <Td className="text-right tabular-nums">
                  {item.judgments} / {project.overlap}
                  {item.stop_reason === "max" ? <span className="ml-1 text-green-800">✓<span className="sr-only"> complete</span></span> : null}
                  {item.stop_reason && item.stop_reason !== "max" ? (
                    <span className="ml-1 text-green-800" title={`Finished early: ${item.stop_reason}`}>
                      ✓ early<span className="sr-only"> ({item.stop_reason})</span>
                    </span>
                  ) : null}
                </Td>
                <Td>{item.gold_preference === null ? <span className="text-gray-400">—</span> : <Badge tone="amber">gold {item.gold_preference}</Badge>}</Td>
                <Td className="text-xs whitespace-nowrap text-gray-600">{formatDate(item.created_at)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <Pagination basePath={base} params={filters} cursor={cursor} back={readBack(raw.back)} nextCursor={page.next_cursor} />
    </div>
  );
}
