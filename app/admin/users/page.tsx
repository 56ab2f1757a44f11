import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { guardPage } from "@/lib/http/page-guard";
import { listUsers } from "@/lib/users/list-users";
import { listUsersQuery } from "@/lib/validations/user";
import { Table, Td, Th } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { ActionButton } from "@/components/admin/action-button";
import { TimeAgo } from "@/components/admin/time-ago";
import { formatDate } from "@/components/admin/format";
import { Pagination, readBack } from "@/components/admin/pagination";
import { setUserDisabledAction } from "./actions";
import { UserRoleSelect } from "./_components/user-role-select";
import { ResetPasswordButton } from "./_components/reset-password-button";
import { CreateUserForm } from "./_components/create-user-form";

export const metadata: Metadata = { title: "Users" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

export default async function UsersPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor("/admin/users");
  const params = await searchParams;
  // The same schema as every other entry to the user list; a query it refuses (a search over 200
  // characters, a mangled cursor) lists from the start rather than failing the page.
  const parsed = listUsersQuery.safeParse({ search: one(params.search), cursor: one(params.cursor) });
  const { search, cursor } = parsed.success ? parsed.data : { search: undefined, cursor: undefined };
  const { users, nextCursor } = await guardPage(() => listUsers({ actor, search, cursor, limit: 50 }));
  return (
    <main className="mx-auto max-w-6xl space-y-5 px-4 py-6">
      <h1 className="text-2xl font-semibold">Users</h1>
      <section aria-labelledby="create-title" className="rounded-lg border border-gray-200 bg-white p-3">
        <h2 id="create-title" className="mb-2 text-sm font-semibold">
          Create a user
        </h2>
        <CreateUserForm />
        <p className="mt-2 text-xs text-gray-600">Annotators usually join through a project&apos;s invite link instead.</p>
      </section>

      <form method="get" action="/admin/users" role="search" aria-label="Search users" className="flex gap-2">
        <label className="sr-only" htmlFor="user-search">
          Search by email or name
        </label>
        <input id="user-search" name="search" type="search" defaultValue={search} placeholder="Search by email or name" className={`${inputClass} max-w-sm`} />
        <button type="submit" className={buttonClass("secondary")}>
          Search
        </button>
        {search ? (
          <Link href="/admin/users" className={buttonClass("ghost")}>
            Clear
          </Link>
        ) : null}
      </form>

      {users.length === 0 ? (
        <p className="text-sm text-gray-600">No users match.</p>
      ) : (
        <Table caption="Users">
          <thead>
            <tr>
              <Th>User</Th>
              <Th>Role</Th>
              <Th>Account</Th>
              <Th className="text-right">Projects</Th>
              <Th>Last judgment</Th>
              <Th>Created</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => {
              const self = user.id === actor.id;
              return (
                <tr key={user.id}>
                  <Td>
                    <div className="font-medium">
                      {user.name}
                      {self ? <span className="ml-1 text-xs font-normal text-gray-600">(you)</span> : null}
                    </div>
                    <div className="text-xs text-gray-600">{user.email}</div>
                  </Td>
                  <Td>
                    <UserRoleSelect userId={user.id} name={user.name} role={user.role.toLowerCase() as "admin" | "lead" | "annotator"} disabled={self} />
                  </Td>
                  <Td>{user.disabled ? <Badge tone="red">disabled</Badge> : <Badge tone="green">active</Badge>}</Td>
                  <Td className="text-right tabular-nums">{user.projects}</Td>
                  <Td className="whitespace-nowrap">
                    <TimeAgo date={user.lastJudgmentAt} />
                  </Td>
                  <Td className="whitespace-nowrap text-gray-600">{formatDate(user.createdAt)}</Td>
                  <Td>
                    <div className="flex flex-wrap items-start gap-2">
                      {self ? null : (
                        <ActionButton
                          action={setUserDisabledAction}
                          input={{ user_id: user.id, disabled: !user.disabled }}
                          label={user.disabled ? "Enable" : "Disable"}
                          variant={user.disabled ? "secondary" : "danger"}
                          ariaLabel={`${user.disabled ? "Enable" : "Disable"} ${user.name}`}
                          confirm={user.disabled ? undefined : `Disable ${user.name}? They are signed out at their next request; their judgments stay.`}
                        />
                      )}
                      <ResetPasswordButton userId={user.id} name={user.name} />
                    </div>
                  </Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
      <Pagination basePath="/admin/users" params={{ search }} cursor={cursor} back={readBack(params.back)} nextCursor={nextCursor} />
    </main>
  );
}
