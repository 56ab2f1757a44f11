import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { SignOutLink } from "@/components/auth/sign-out-link";
import { accountLabel } from "@/components/auth/account-label";

export const dynamic = "force-dynamic";

/** Every page here needs a signed-in, enabled user (checked again by each page and route). */
export default async function AnnotateLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  return (
    <div className="flex min-h-dvh flex-col md:h-dvh">
      <header className="flex shrink-0 items-center gap-3 whitespace-nowrap border-b border-gray-200 bg-white px-3 py-2 text-sm sm:gap-4 sm:px-4">
        <Link href="/projects" className="font-semibold tracking-tight">
          Pairwise
        </Link>
        <nav aria-label="Main" className="flex gap-3 whitespace-nowrap text-gray-700">
          <Link href="/projects" className="hover:underline">
            My projects
          </Link>
          <Link href="/tokens" className="hover:underline">
            API tokens
          </Link>
          {actor.role !== "ANNOTATOR" ? (
            <Link href="/admin" className="hover:underline">
              Admin
            </Link>
          ) : null}
        </nav>
        <span className="ml-auto hidden text-gray-600 sm:inline">{accountLabel(actor).text}</span>
        <SignOutLink userId={actor.id} className="text-gray-700 hover:underline" />
      </header>
      <div className="flex flex-1 flex-col md:min-h-0 md:overflow-auto">{children}</div>
    </div>
  );
}
