import type { Metadata } from "next";
import { getOptionalActor } from "@/lib/auth/session";
import { describeInvite } from "@/lib/invites/redeem-invite";
import { isAppError } from "@/lib/errors";
import { JoinForm } from "./join-form";

export const metadata: Metadata = { title: "Join a project" };
export const dynamic = "force-dynamic";

export default async function JoinPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  let invite;
  try {
    invite = await describeInvite(code);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return (
      <main className="mx-auto max-w-md px-4 py-16">
        <h1 className="text-2xl font-semibold">Invite link</h1>
        <p role="alert" className="mt-3 text-gray-800">
          {error.message}
        </p>
      </main>
    );
  }
  const actor = await getOptionalActor();
  return (
    <main className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-2xl font-semibold">Join “{invite.projectName}”</h1>
      <p className="mt-1 text-sm text-gray-600">
        You are invited as {invite.role === "LEAD" ? "a project lead" : "an annotator"}.
      </p>
      <JoinForm code={code} signedInAs={actor ? actor.email : null} />
    </main>
  );
}
