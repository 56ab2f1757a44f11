import { redirect } from "next/navigation";
import { getOptionalActor } from "@/lib/auth/session";
import { landingPathFor } from "@/lib/auth/landing-path";

export const dynamic = "force-dynamic";

/** The landing page: leads and admins to the admin area, annotators to their projects (lib/auth/landing-path.ts). */
export default async function Home() {
  const actor = await getOptionalActor();
  redirect(actor ? landingPathFor(actor) : "/login");
}
