import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { guardPage } from "@/lib/http/page-guard";
import { isAdmin } from "@/lib/permissions";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { listProjects } from "@/lib/projects/list-projects";
import { Table, Td, Th } from "@/components/ui/table";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Pagination, readBack, readCursor } from "@/components/admin/pagination";
import { formatDateTime } from "@/components/admin/format";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

const groups = [
  ["", "All actions"],
  ["items", "Imports"],
  ["export", "Exports"],
  ["member", "Membership"],
  ["invite", "Invites"],
  ["project", "Project settings"],
  ["user", "Users"],
  ["token", "API tokens"],
  ["judgments", "Judgment imports"],
] as const;

/** `details` as short `key: value` pairs; long values are cut, objects shown as JSON. */
function describe(details: unknown): string {
  if (!details || typeof details !== "object") return "";
  return Object.entries(details as Record<string, unknown>)
    .map(([key, value]) => {
      const text = typeof value === "string" ? value : JSON.stringify(value);
      return `${key}: ${text.length > 80 ? `${text.slice(0, 80)}…` : text}`;
    })
    .join(" · ");
}

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor("/admin/audit");
  const params = await searchParams;
  const project = one(params.project)?.slice(0, 100);
  const action = one(params.action)?.slice(0, 60);
  const cursor = readCursor(params.cursor);
  const [{ events, nextCursor }, projects] = await guardPage(() =>
    Promise.all([listAuditEvents({ actor, projectSlug: project, action, cursor, limit: 50 }), listProjects({ actor, limit: 200 })]),
  );
  return (
    <main className="mx-auto max-w-6xl space-y-4 px-4 py-6">
      <div>
        <h1 className="text-2xl font-semibold">Audit log</h1>
        <p className="mt-1 text-sm text-gray-700">
          {isAdmin(actor) ? "Everything that changed who can do what, and every import and export." : "Events in the projects you lead."} Times are UTC.
        </p>
      </div>
      <form method="get" action="/admin/audit" aria-label="Filter the audit log" className="flex flex-wrap items-end gap-2">
        <label className="block text-xs font-medium">
          Project
          <select name="project" defaultValue={project ?? ""} className={`${inputClass} mt-0.5 max-w-60`}>
            <option value="">{isAdmin(actor) ? "All projects and accounts" : "All my projects"}</option>
            {projects.projects.map((p) => (
              <option key={p.slug} value={p.slug}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-xs font-medium">
          Action
          <select name="action" defaultValue={action ?? ""} className={`${inputClass} mt-0.5`}>
            {groups.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={buttonClass("secondary")}>
          Filter
        </button>
        {project || action ? (
          <Link href="/admin/audit" className={buttonClass("ghost")}>
            Clear
          </Link>
        ) : null}
      </form>
      {events.length === 0 ? (
        <p className="text-sm text-gray-600">No events.</p>
      ) : (
        <Table caption="Audit events, newest first">
          <thead>
            <tr>
              <Th>When</Th>
              <Th>Who</Th>
              <Th>Action</Th>
              <Th>Project</Th>
              <Th>Details</Th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id}>
                <Td className="font-mono text-xs whitespace-nowrap">{formatDateTime(e.createdAt)}</Td>
                <Td className="whitespace-nowrap">{e.actor ? <span title={e.actor.email}>{e.actor.name}</span> : <span className="text-gray-500">system / CLI</span>}</Td>
                <Td className="font-mono text-xs whitespace-nowrap">{e.action}</Td>
                <Td className="text-xs">{e.project ? <Link href={`/admin/projects/${e.project.slug}`} className="text-blue-800 underline">{e.project.name}</Link> : "—"}</Td>
                <Td className="max-w-md min-w-64 text-xs break-words text-gray-700">{describe(e.details)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <Pagination basePath="/admin/audit" params={{ project, action }} cursor={cursor} back={readBack(params.back)} nextCursor={nextCursor} />
    </main>
  );
}
