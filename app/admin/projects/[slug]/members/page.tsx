import type { Metadata } from "next";
import { headers } from "next/headers";
import { requireActor } from "@/lib/auth/session";
import { guardPage } from "@/lib/http/page-guard";
import { getProjectForActor, isAdmin } from "@/lib/permissions";
import { listMembers } from "@/lib/members/list-members";
import { listInvites } from "@/lib/invites/list-invites";
import { Table, Td, Th } from "@/components/ui/table";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { ActionButton } from "@/components/admin/action-button";
import { TimeAgo } from "@/components/admin/time-ago";
import { Pagination, readBack, readKeysetCursor } from "@/components/admin/pagination";
import { formatDate, formatDateTime } from "@/components/admin/format";
import { removeMemberAction, revokeInviteAction } from "./actions";
import { RoleSelect } from "./_components/role-select";
import { QualityStatusCell } from "@/components/admin/quality-status-cell";
import { readQualityStatuses } from "@/lib/quality/read-quality-statuses";
import { actionsFor } from "@/lib/quality/set-quality-status";
import { AddMemberForm } from "./_components/add-member-form";
import { CreateInviteForm } from "./_components/create-invite-form";
import { DraftWarning } from "@/components/admin/draft-warning";

export const metadata: Metadata = { title: "Members" };
export const dynamic = "force-dynamic";

const stateText: Record<string, [string, BadgeTone]> = {
  active: ["works", "green"],
  expired: ["expired", "gray"],
  used_up: ["used up", "gray"],
  revoked: ["revoked", "red"],
};

export default async function MembersPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { slug } = await params;
  const raw = await searchParams;
  const cursor = readKeysetCursor(raw.cursor, 3);
  const actor = await requireActor(`/admin/projects/${slug}/members`);
  const [page, invites, project] = await guardPage(() =>
    Promise.all([listMembers({ actor, slug, cursor }), listInvites({ actor, slug }), getProjectForActor({ actor, slug, access: "lead" })]),
  );
  const members = page.members;
  // listMembers checked that the actor leads the project; the statuses are read by its id.
  const statuses = await readQualityStatuses(project.id);
  const h = await headers();
  // The link is shown as the browser reached us, so it works for whoever it is sent to on the same address.
  const origin = `${h.get("x-forwarded-proto") ?? "http"}://${h.get("x-forwarded-host") ?? h.get("host") ?? "localhost"}`;
  return (
    <div className="space-y-8">
      <DraftWarning slug={project.slug} status={project.status} />
      <section aria-labelledby="members-title" className="space-y-3">
        <h2 id="members-title" className="text-lg font-semibold">
          Members ({page.total.toLocaleString("en-US")})
        </h2>
        <p className="text-xs text-gray-600">
          Judgment counts as of <TimeAgo date={page.work.asOf} />
          {page.work.stale ? " (updating in the background)" : ""}.
        </p>
        <Table caption="Members of the project">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Email</Th>
              <Th>Role</Th>
              <Th>Check status</Th>
              <Th className="text-right">Judgments</Th>
              <Th>Last judgment</Th>
              <Th>Joined</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.user_id}>
                <Td className="font-medium">
                  {m.name}
                  {m.user_id === actor.id ? <span className="ml-1 text-xs text-gray-600">(you)</span> : null}
                </Td>
                <Td className="text-gray-700">{m.email}</Td>
                <Td>
                  <RoleSelect project={slug} email={m.email} name={m.name} role={m.role} />
                </Td>
                <Td>
                  {statuses.has(m.user_id) ? (
                    <QualityStatusCell project={slug} userId={m.user_id} name={m.name} status={statuses.get(m.user_id)!} actions={actionsFor(statuses.get(m.user_id)!)} />
                  ) : (
                    <span className="text-gray-500">—</span>
                  )}
                </Td>
                <Td className="text-right tabular-nums">{m.judgments}</Td>
                <Td className="whitespace-nowrap">
                  <TimeAgo date={m.last_judgment_at} />
                </Td>
                <Td className="whitespace-nowrap text-gray-600">{formatDate(m.joined_at)}</Td>
                <Td>
                  <ActionButton
                    action={removeMemberAction}
                    input={{ project: slug, user_id: m.user_id }}
                    label="Remove"
                    variant="danger"
                    ariaLabel={`Remove ${m.name} from the project`}
                    confirm={`Remove ${m.name} from the project? Their judgments stay; pairs they hold go back to the pool.`}
                  />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
        <Pagination basePath={`/admin/projects/${project.slug}/members`} params={{}} cursor={cursor} back={readBack(raw.back)} nextCursor={page.nextCursor} />
        {isAdmin(actor) ? (
          <div className="rounded-lg border border-gray-200 bg-white p-3">
            <AddMemberForm project={slug} />
          </div>
        ) : (
          // A lead brings people in with an invite link: whether an email has an account is for admins to know.
          <p className="text-sm text-gray-700">Add people with an invite link below; an admin can add an existing account by email.</p>
        )}
      </section>

      <section aria-labelledby="invites-title" className="space-y-3">
        <h2 id="invites-title" className="text-lg font-semibold">
          Invite links
        </h2>
        <p className="text-sm text-gray-700">People without an account create one when they open the link; people with one sign in and join.</p>
        <div className="rounded-lg border border-gray-200 bg-white p-3">
          <CreateInviteForm project={slug} origin={origin} activeCodes={invites.filter((i) => i.state === "active").map((i) => i.code)} />
        </div>
        {invites.length ? (
          <Table caption="Invite links">
            <thead>
              <tr>
                <Th>Link</Th>
                <Th>Joins as</Th>
                <Th>State</Th>
                <Th>Uses left</Th>
                <Th>Expires</Th>
                <Th>Created</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {invites.map((invite) => {
                const [text, tone] = stateText[invite.state] ?? ["?", "gray"];
                const link = `${origin}/join/${invite.code}`;
                return (
                  <tr key={invite.id}>
                    <Td>
                      <div className="flex items-center gap-2">
                        <code className="font-mono text-xs text-gray-700" title={link}>
                          …/join/{invite.code.slice(0, 6)}…
                        </code>
                        {invite.state === "active" ? <CopyButton text={link} label="Copy link" /> : null}
                      </div>
                    </Td>
                    <Td>{invite.role.toLowerCase()}</Td>
                    <Td>
                      <Badge tone={tone}>{text}</Badge>
                    </Td>
                    <Td className="tabular-nums">{invite.usesLeft === null ? "unlimited" : invite.usesLeft}</Td>
                    <Td className="whitespace-nowrap">{invite.expiresAt ? formatDateTime(invite.expiresAt) : "never"}</Td>
                    <Td className="whitespace-nowrap text-gray-600">
                      {formatDate(invite.createdAt)}
                      {invite.createdBy ? ` by ${invite.createdBy}` : ""}
                    </Td>
                    <Td>
                      {invite.state === "revoked" ? null : (
                        <ActionButton
                          action={revokeInviteAction}
                          input={{ project: slug, invite_id: invite.id }}
                          label="Revoke"
                          variant="danger"
                          ariaLabel={`Revoke invite link ${invite.code.slice(0, 6)}`}
                          confirm="Revoke this link? Nobody can join through it any more; members who joined stay."
                        />
                      )}
                    </Td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        ) : null}
      </section>
    </div>
  );
}
