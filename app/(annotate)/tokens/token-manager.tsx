"use client";

import { useRef, useState } from "react";
import { createTokenAction } from "./actions";
import { TokenList } from "./token-list";

export type TokenRow = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  created: string;
  lastUsed: string | null;
  revoked: string | null;
};

type NewToken = { name: string; token: string };

/** Create a named token (its secret shown once, here), and the list of the user's tokens. */
export function TokenManager({ tokens }: { tokens: TokenRow[] }) {
  const [created, setCreated] = useState<NewToken | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "");
    setPending(true);
    setError(null);
    const result = await createTokenAction({ name });
    setPending(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setCreated({ name: result.data.name, token: result.data.token });
    formRef.current?.reset();
  }

  return (
    <>
      <form ref={formRef} onSubmit={onSubmit} className="mt-6 rounded-lg border border-gray-200 bg-white p-4">
        <label htmlFor="token-name" className="block text-sm font-medium">
          New token
        </label>
        <p id="token-name-hint" className="text-sm text-gray-600">
          Name it for what will use it, so you know what stops working if you revoke it.
        </p>
        <div className="mt-2 flex flex-col gap-2 sm:flex-row">
          <input
            id="token-name"
            name="name"
            required
            maxLength={100}
            placeholder="e.g. training pipeline"
            aria-describedby="token-name-hint"
            autoComplete="off"
            className="min-w-0 flex-1 rounded-md border border-gray-300 px-3 py-2"
          />
          <button type="submit" disabled={pending} className="rounded-md bg-gray-900 px-4 py-2 font-medium text-white hover:bg-gray-700 disabled:opacity-60">
            {pending ? "Creating…" : "Create token"}
          </button>
        </div>
        {error ? (
          <p role="alert" className="mt-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        ) : null}
      </form>
      {created ? <NewTokenPanel created={created} onDone={() => setCreated(null)} /> : null}
      <TokenList tokens={tokens} />
    </>
  );
}

function NewTokenPanel({ created, onDone }: { created: NewToken; onDone: () => void }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const fieldRef = useRef<HTMLInputElement>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(created.token);
      setCopied("yes");
    } catch {
      // No clipboard access (plain http, or refused): select the text so Ctrl+C works.
      fieldRef.current?.select();
      setCopied("failed");
    }
  }

  return (
    <section aria-labelledby="new-token-heading" className="mt-4 rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h2 id="new-token-heading" className="font-semibold">
        Your new token “{created.name}”
      </h2>
      <p className="mt-1 text-sm text-amber-900">
        <strong>Copy it now: you won’t see it again.</strong> Pairwise keeps only a fingerprint of it. If you lose it, revoke it and create another.
      </p>
      <div className="mt-3 flex flex-col gap-2 sm:flex-row">
        <input
          ref={fieldRef}
          readOnly
          // Focus (and so select) the token at once: Ctrl+C copies it, and a screen reader lands on it.
          autoFocus
          value={created.token}
          aria-label="Your new API token"
          onFocus={(event) => event.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-gray-300 bg-white px-3 py-2 font-mono text-sm"
        />
        <button type="button" onClick={copy} className="rounded-md bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800">
          Copy
        </button>
      </div>
      <p aria-live="polite" className="mt-2 min-h-5 text-sm text-gray-700">
        {copied === "yes" ? "Copied to the clipboard." : copied === "failed" ? "Could not reach the clipboard: the token is selected, press Ctrl+C (⌘C)." : ""}
      </p>
      <button type="button" onClick={onDone} className="mt-1 text-sm text-gray-700 underline">
        I have saved it — hide the token
      </button>
    </section>
  );
}
