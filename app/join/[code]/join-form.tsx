"use client";

import { useState } from "react";
import { signIn } from "next-auth/react";
import { joinAsCurrentUser, joinWithNewAccount } from "./actions";

export function JoinForm({ code, signedInAs }: { code: string; signedInAs: string | null }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  if (signedInAs) {
    return (
      <div className="mt-6 rounded-lg border border-gray-200 bg-white p-5">
        <p className="text-sm">Signed in as {signedInAs}.</p>
        {error ? <p role="alert" className="mt-2 text-sm text-red-700">{error}</p> : null}
        <button
          type="button"
          disabled={pending}
          onClick={async () => {
            setPending(true);
            const result = await joinAsCurrentUser({ code });
            if (result.ok) window.location.assign(`/projects/${result.data.slug}`);
            else {
              setPending(false);
              setError(result.error);
            }
          }}
          className="mt-4 w-full rounded-md bg-blue-700 px-3 py-2 font-semibold text-white disabled:opacity-60"
        >
          Join the project
        </button>
      </div>
    );
  }

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      code,
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    };
    setPending(true);
    setError(null);
    const result = await joinWithNewAccount(input);
    if (!result.ok) {
      setPending(false);
      setError(result.error);
      return;
    }
    const signedIn = await signIn("credentials", { email: input.email, password: input.password, redirect: false });
    if (signedIn?.ok && !signedIn.error) window.location.assign(`/projects/${result.data.slug}`);
    else window.location.assign(`/login?next=/projects/${result.data.slug}`);
  }

  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4 rounded-lg border border-gray-200 bg-white p-5">
      <label className="block">
        <span className="text-sm font-medium">Your name</span>
        <input name="name" required maxLength={100} autoComplete="name" className="mt-1 w-full rounded-md border border-gray-300 px-3 py-2" />
      </label>
      <label className="block">
        <span className="text-sm font-medium">Email</span>
        <input name="email" type="email" required autoComplete="email" className="mt-1 w-full rounded-md border border-gray-300 px-3 py-2" />
      </label>
      <label className="block">
        <span className="text-sm font-medium">Password</span>
        <input name="password" type="password" required minLength={10} autoComplete="new-password" className="mt-1 w-full rounded-md border border-gray-300 px-3 py-2" />
        <span className="mt-1 block text-xs text-gray-600">At least 10 characters.</span>
      </label>
      {error ? <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{error}</p> : null}
      <button type="submit" disabled={pending} className="w-full rounded-md bg-blue-700 px-3 py-2 font-semibold text-white disabled:opacity-60">
        {pending ? "Creating your account…" : "Create account and join"}
      </button>
      <p className="text-sm text-gray-600">
        Already have an account? <a className="underline" href={`/login?next=/join/${encodeURIComponent(code)}`}>Sign in</a> first.
      </p>
    </form>
  );
}
