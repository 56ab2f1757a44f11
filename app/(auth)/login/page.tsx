import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getOptionalActor } from "@/lib/auth/session";
import { readEnv } from "@/lib/env";
import { safeReturnPath } from "@/lib/auth/safe-redirect";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

/** next-auth's error codes in words; AccessDenied is an OAuth sign-in the signIn callback refused. */
function signInError(code: string | undefined): string | undefined {
  if (!code) return undefined;
  if (code === "AccessDenied") return "That sign-in was refused: the provider has not verified this email address, or the account is disabled.";
  return "Sign-in failed. Try again.";
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string; error?: string }> }) {
  const params = await searchParams;
  // No page asked for: "/" sends each person to their landing page (leads and admins: /admin).
  const next = safeReturnPath(params.next, "/");
  if (await getOptionalActor()) redirect(next);
  const env = readEnv();
  const oauth = [
    ...(env.GITHUB_ID && env.GITHUB_SECRET ? [{ id: "github", name: "GitHub" }] : []),
    ...(env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET ? [{ id: "google", name: "Google" }] : []),
  ];
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-12">
      <h1 className="text-2xl font-semibold">Sign in to Pairwise</h1>
      <p className="mt-1 text-sm text-gray-600">Compare responses, build better reward models.</p>
      <LoginForm next={next} oauth={oauth} initialError={signInError(params.error)} />
    </main>
  );
}
