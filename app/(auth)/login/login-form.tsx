"use client";

import { useState } from "react";
import { signIn } from "next-auth/react";
import { safeReturnPath } from "@/lib/auth/safe-redirect";
import { rememberDeviceAction } from "./actions";

export function LoginForm({ next: requested, oauth, initialError }: { next: string; oauth: { id: string; name: string }[]; initialError?: string }) {
  // The page checked it already; checked again here because this is where the browser navigates.
  const next = safeReturnPath(requested, "/");
  const [error, setError] = useState<string | undefined>(initialError);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    if (result?.ok && !result.error) {
      // Best effort: without it this browser is throttled like any other.
      await rememberDeviceAction({}).catch(() => undefined);
      window.location.assign(next);
      return;
    }
    setPending(false);
    setError(result?.error && result.error !== "CredentialsSignin" ? result.error : "Wrong email or password.");
  }

  return (
    <div className="mt-6">
      <form onSubmit={onSubmit} className="space-y-4 rounded-lg border border-gray-200 bg-white p-5 shadow-sm">
        <label className="block">
          <span className="text-sm font-medium">Email</span>
          <input name="email" type="email" autoComplete="email" required autoFocus className="mt-1 w-full rounded-md border border-gray-300 px-3 py-2" />
        </label>
        <label className="block">
          <span className="text-sm font-medium">Password</span>
          <input name="password" type="password" autoComplete="current-password" required className="mt-1 w-full rounded-md border border-gray-300 px-3 py-2" />
        </label>
        {error ? (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        ) : null}
        <button type="submit" disabled={pending} className="w-full rounded-md bg-gray-900 px-3 py-2 font-medium text-white hover:bg-gray-700 disabled:opacity-60">
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {oauth.length ? (
        <div className="mt-4 space-y-2">
          {oauth.map((p) => (
            <button key={p.id} type="button" onClick={() => signIn(p.id, { callbackUrl: next })} className="w-full rounded-md border border-gray-300 bg-white px-3 py-2 text-sm hover:bg-gray-50">
              Continue with {p.name}
            </button>
          ))}
        </div>
      ) : null}
      <p className="mt-6 text-sm text-gray-600">New annotator? Open the invite link your project lead sent you.</p>
    </div>
  );
}
