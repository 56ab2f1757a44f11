"use client";

import { useState } from "react";
import { revokeTokenAction } from "./actions";
import type { TokenRow } from "./token-manager";

/** Live tokens with a two-step revoke; revoked ones folded away below, kept for the record. */
export function TokenList({ tokens }: { tokens: TokenRow[] }) {
  const live = tokens.filter((token) => !token.revoked);
  const revoked = tokens.filter((token) => token.revoked);
  return (
    <section aria-labelledby="tokens-heading" className="mt-8">
      <h2 id="tokens-heading" className="text-lg font-semibold">
        Your tokens
      </h2>
      {live.length === 0 ? (
        <p className="mt-2 text-sm text-gray-600">You have no active tokens.</p>
      ) : (
        <ul className="mt-3 divide-y divide-gray-200 rounded-lg border border-gray-200 bg-white">
          {live.map((token) => (
            <LiveToken key={token.id} token={token} />
          ))}
        </ul>
      )}
      {revoked.length ? (
        <details className="mt-4 text-sm">
          <summary className="cursor-pointer text-gray-700">Revoked tokens ({revoked.length})</summary>
          <ul className="mt-2 divide-y divide-gray-200 rounded-lg border border-gray-200 bg-white text-gray-600">
            {revoked.map((token) => (
              <li key={token.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-4 py-2">
                <span className="font-medium text-gray-700 line-through decoration-gray-400">{token.name}</span>
                <code className="font-mono text-xs">{token.prefix}…</code>
                <span>
                  created {token.created}, revoked {token.revoked}
                </span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

function LiveToken({ token }: { token: TokenRow }) {
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function revoke() {
    setPending(true);
    setError(null);
    const result = await revokeTokenAction({ tokenId: token.id });
    // On success the page re-renders without this row (the action revalidates /tokens).
    if (!result.ok) {
      setPending(false);
      setError(result.error);
    }
  }

  return (
    <li className="px-4 py-3">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-baseline gap-x-2">
            <span className="font-medium break-words">{token.name}</span>
            <code className="font-mono text-xs text-gray-600" title="The start of the token, to recognise it">
              {token.prefix}…
            </code>
          </div>
          <div className="mt-0.5 text-sm text-gray-600">
            Created <time dateTime={token.createdAt}>{token.created}</time> · {token.lastUsed ? `last used ${token.lastUsed}` : "never used"}
          </div>
        </div>
        {confirming ? null : (
          <button
            type="button"
            onClick={() => setConfirming(true)}
            className="rounded-md border border-gray-300 px-3 py-1.5 text-sm text-gray-800 hover:bg-gray-50"
            aria-label={`Revoke ${token.name}`}
          >
            Revoke
          </button>
        )}
      </div>
      {confirming ? (
        <div role="group" aria-label={`Confirm revoking ${token.name}`} className="mt-2 rounded-md bg-red-50 p-3 text-sm text-red-900">
          <p>Revoke “{token.name}”? Scripts using it are refused from their next request. This cannot be undone.</p>
          <div className="mt-2 flex gap-2">
            <button type="button" disabled={pending} onClick={revoke} className="rounded-md bg-red-700 px-3 py-1.5 font-semibold text-white hover:bg-red-800 disabled:opacity-60">
              {pending ? "Revoking…" : "Revoke token"}
            </button>
            <button type="button" disabled={pending} onClick={() => setConfirming(false)} className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-gray-800">
              Cancel
            </button>
          </div>
          {error ? (
            <p role="alert" className="mt-2">
              {error}
            </p>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
