import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { assertCanUseAdminArea } from "@/lib/permissions";
import { guardPage } from "@/lib/http/page-guard";

export const dynamic = "force-dynamic";

/** LEAD and ADMIN only. Each admin page, action and route checks again on its own. */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor("/admin");
  await guardPage(() => assertCanUseAdminArea(actor));
  return (
    <div className="min-h-dvh">
      <header className="flex items-center gap-4 border-b border-gray-200 bg-white px-4 py-2 text-sm">
        <Link href="/admin" className="font-semibold">
          Pairwise admin
        </Link>
        <Link href="/projects" className="text-gray-700 hover:underline">
          Annotate
        </Link>
        <span className="ml-auto text-gray-600">{actor.name}</span>
      </header>
      {children}
    </div>
  );
}
