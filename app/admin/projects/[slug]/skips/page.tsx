import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { guardPage } from "@/lib/http/page-guard";
import { listSkips } from "@/lib/items/list-skips";
import { Table, Td, Th } from "@/components/ui/table";
import { Pagination, readBack, readCursor } from "@/components/admin/pagination";
import { formatDateTime, numberFormat } from "@/components/admin/format";

export const metadata: Metadata = { title: "Skips" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Why annotators passed on items: reason, item, annotator (as the identity scope allows), when; newest first. */
export default async function SkipsPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: SearchParams }) {
  const { slug } = await params;
  const actor = await requireActor(`/admin/projects/${slug}/skips`);
  const raw = await searchParams;
  const cursor = readCursor(raw.cursor);
  const { project, skips, nextCursor, total, totalIsLowerBound } = await guardPage(() => listSkips({ actor, slug, cursor, limit: 50 }));
  const base = `/admin/projects/${project.slug}`;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-base font-semibold">
          Skips <span className="font-normal text-gray-600">({totalIsLowerBound ? `more than ${numberFormat.format(total)}` : numberFormat.format(total)})</span>
        </h2>
        <Link href={`${base}/items?skipped=true`} className="text-sm text-blue-800 underline">
          Items someone skipped
        </Link>
      </div>
      <p className="text-sm text-gray-700">
        The reason each annotator gave for passing on an item, newest first. A skipped item is never offered to that annotator again; others still judge it.
      </p>
      {skips.length === 0 ? (
        <p className="rounded-lg border border-dashed border-gray-300 bg-white p-4 text-sm text-gray-700">No annotator has skipped an item yet.</p>
      ) : (
        <>
          {/* Phones: one card per skip, every field visible without scrolling sideways. */}
          <ul aria-label={`Skips in ${project.name}`} className="space-y-2 sm:hidden">
            {skips.map((skip) => (
              <li key={`${skip.itemId}:${skip.annotator.id}`} className="rounded-lg border border-gray-200 bg-white p-3 text-sm">
                <p className="whitespace-pre-wrap [overflow-wrap:anywhere]">{skip.reason}</p>
                <p className="mt-1 text-xs text-gray-600">
                  <Link href={`${base}/items/${encodeURIComponent(skip.itemId)}`} className="font-mono text-blue-800 underline [overflow-wrap:anywhere]">
                    {skip.itemId}
                  </Link>{" "}
                  · {skip.annotator.name} · <time dateTime={skip.createdAt.toISOString()}>{formatDateTime(skip.createdAt)}</time>
                </p>
                <p className="mt-0.5 line-clamp-2 text-xs text-gray-600 [overflow-wrap:anywhere]">{skip.promptPreview}</p>
              </li>
            ))}
          </ul>
          <Table caption={`Skips in ${project.name}`} className="hidden sm:block">
            <thead>
              <tr>
                <Th>Reason</Th>
                <Th>Item</Th>
                <Th>Annotator</Th>
                <Th>When</Th>
              </tr>
            </thead>
            <tbody>
              {skips.map((skip) => (
                <tr key={`${skip.itemId}:${skip.annotator.id}`} className="hover:bg-gray-50">
                  <Td className="max-w-sm min-w-48 whitespace-pre-wrap [overflow-wrap:anywhere]">{skip.reason}</Td>
                  <Td className="max-w-sm min-w-48">
                    <Link href={`${base}/items/${encodeURIComponent(skip.itemId)}`} className="font-mono text-xs text-blue-800 underline [overflow-wrap:anywhere]">
                      {skip.itemId}
                    </Link>
                    <span className="mt-0.5 line-clamp-2 text-xs text-gray-600 [overflow-wrap:anywhere]">{skip.promptPreview}</span>
                  </Td>
                  <Td className="whitespace-nowrap">{skip.annotator.name}</Td>
                  <Td className="text-xs whitespace-nowrap text-gray-600">
                    <time dateTime={skip.createdAt.toISOString()}>{formatDateTime(skip.createdAt)}</time>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      )}
      <Pagination basePath={`${base}/skips`} params={{}} cursor={cursor} back={readBack(raw.back)} nextCursor={nextCursor} />
    </div>
  );
}
