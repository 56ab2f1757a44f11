import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { assertCanUseAdminArea, isAdmin } from "@/lib/permissions";
import { guardPage } from "@/lib/http/page-guard";
import { AdminNav } from "@/components/admin/admin-nav";
import { SignOutLink } from "@/components/auth/sign-out-link";
import { accountLabel } from "@/components/auth/account-label";

export const dynamic = "force-dynamic";

/** LEAD and ADMIN only. Each admin page, action and route checks again on its own. */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor("/admin");
  await guardPage(() => assertCanUseAdminArea(actor));
  const links = [
    { href: "/admin", label: "Projects" },
    ...(isAdmin(actor) ? [{ href: "/admin/users", label: "Users" }] : []),
    { href: "/admin/audit", label: "Audit log" },
    { href: "/tokens", label: "API tokens" },
    { href: "/projects", label: "Annotate" },
  ];
  const account = accountLabel(actor);
  return (
    <div className="min-h-dvh">
      <header className="border-b border-gray-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2 text-sm">
          <Link href="/admin" className="font-semibold tracking-tight">
            Pairwise admin
          </Link>
          <AdminNav links={links} />
          <span className="ml-auto hidden text-gray-600 sm:inline">
            {account.text}
            {account.role ? <span className="text-gray-500"> ({account.role})</span> : null}
          </span>
          <SignOutLink userId={actor.id} className="ml-auto text-gray-700 hover:underline sm:ml-0" />
        </div>
      </header>
      {children}
    </div>
  );
}
