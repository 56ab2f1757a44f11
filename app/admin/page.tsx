import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session";
import { assertCanUseAdminArea } from "@/lib/permissions";
import { guardPage } from "@/lib/http/page-guard";

export const metadata: Metadata = { title: "Admin" };
export const dynamic = "force-dynamic";

export default async function AdminHome() {
  const actor = await requireActor("/admin");
  await guardPage(() => assertCanUseAdminArea(actor));
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <h1 className="text-2xl font-semibold">Projects</h1>
    </main>
  );
}
