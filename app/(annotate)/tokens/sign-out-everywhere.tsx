"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { signOutEverywhereAction } from "./actions";

/** Ends every session of this account on every device (a lost laptop, a shared computer). */
export function SignOutEverywhere() {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <section aria-labelledby="sessions-heading" className="mt-10 rounded-lg border border-gray-200 bg-white p-4 text-sm">
      <h2 id="sessions-heading" className="font-semibold text-gray-900">
        Sessions
      </h2>
      <p className="mt-1 max-w-prose text-gray-700">
        You stay signed in on a device for 12 hours after you last used Pairwise there. If you signed in on a computer
        you no longer control, sign out everywhere: every browser, this one included, must sign in again. API tokens
        are not affected; revoke them above.
      </p>
      <Button
        className="mt-3"
        disabled={pending}
        onClick={async () => {
          if (!window.confirm("Sign out on every device, this one included?")) return;
          setPending(true);
          setError(null);
          const result = await signOutEverywhereAction({});
          if (result.ok) {
            // A full page load on purpose: nothing of the ended session stays in this tab.
            // eslint-disable-next-line @next/next/no-location-assign-relative-destination
            window.location.assign("/login?next=/tokens");
            return;
          }
          setPending(false);
          setError(result.error);
        }}
      >
        {pending ? "Signing out…" : "Sign out everywhere"}
      </Button>
      {error ? (
        <p role="alert" className="mt-2 text-red-800">
          {error}
        </p>
      ) : null}
    </section>
  );
}
