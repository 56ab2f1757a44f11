"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { resetUserPasswordAction } from "../actions";

/** Resets a password and shows the new one once, until the admin closes it. */
export function ResetPasswordButton({ userId, name }: { userId: string; name: string }) {
  const [password, setPassword] = useState<string | null>(null);
  const [tokensRevoked, setTokensRevoked] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  if (password) {
    return (
      <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-2 text-xs">
        <div className="font-medium">New password for {name} (shown once):</div>
        <div className="mt-0.5">
          Their sessions have ended{tokensRevoked ? ` and ${tokensRevoked} API token${tokensRevoked === 1 ? " was" : "s were"} revoked` : ""}.
        </div>
        <div className="mt-1 flex items-center gap-2">
          <code className="rounded bg-white px-1.5 py-0.5 font-mono text-sm select-all">{password}</code>
          <CopyButton text={password} />
          <Button size="sm" variant="ghost" onClick={() => setPassword(null)}>
            Done
          </Button>
        </div>
      </div>
    );
  }
  return (
    <span className="inline-flex flex-col gap-1">
      <Button
        size="sm"
        disabled={pending}
        aria-label={`Reset the password of ${name}`}
        onClick={async () => {
          if (!window.confirm(`Give ${name} a new password? The old one stops working at once, they are signed out everywhere and their API tokens are revoked.`)) return;
          setPending(true);
          setError(null);
          const result = await resetUserPasswordAction({ user_id: userId });
          setPending(false);
          if (result.ok) {
            setPassword(result.data.password);
            setTokensRevoked(result.data.tokensRevoked);
          }
          else setError(result.error);
        }}
      >
        {pending ? "Resetting…" : "Reset password"}
      </Button>
      {error ? (
        <span role="alert" className="text-xs text-red-800">
          {error}
        </span>
      ) : null}
    </span>
  );
}
