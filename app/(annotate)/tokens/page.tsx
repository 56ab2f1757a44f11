import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session";
import { listApiTokens } from "@/lib/api-tokens/list-api-tokens";
import { serverOrigin } from "@/lib/http/server-origin";
import { TokenManager, type TokenRow } from "./token-manager";
import { SignOutEverywhere } from "./sign-out-everywhere";

export const metadata: Metadata = { title: "API tokens" };
export const dynamic = "force-dynamic";

// Formatted here, on the server, in UTC: the same text on the server render and in the browser.
const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const dayTime = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC" });

export default async function TokensPage() {
  const actor = await requireActor("/tokens");
  const [tokens, origin] = await Promise.all([listApiTokens({ actor }), serverOrigin()]);
  const rows: TokenRow[] = tokens.map((token) => ({
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    createdAt: token.created_at,
    created: day.format(new Date(token.created_at)),
    lastUsed: token.last_used_at ? `${dayTime.format(new Date(token.last_used_at))} UTC` : null,
    revoked: token.revoked_at ? day.format(new Date(token.revoked_at)) : null,
  }));
  return (
    <main className="mx-auto w-full max-w-3xl px-4 py-8">
      <h1 className="text-2xl font-semibold">API tokens</h1>
      <p className="mt-2 max-w-prose text-gray-700">
        A token lets a script use the REST API as you, with your role and your projects. Treat it like a password:
        anyone who has it can do what you can. Revoke a token you no longer use, or one that may have leaked.
      </p>
      <TokenManager tokens={rows} />
      <SignOutEverywhere />
      <section aria-labelledby="usage-heading" className="mt-10 text-sm text-gray-700">
        <h2 id="usage-heading" className="font-semibold text-gray-900">
          Using a token
        </h2>
        <p className="mt-1">Send it in the Authorization header of every request:</p>
        <pre className="mt-2 overflow-x-auto rounded-md border border-gray-200 bg-white p-3 font-mono text-xs leading-relaxed">
          curl -H &quot;Authorization: Bearer $PAIRWISE_TOKEN&quot; {origin}/api/v1/projects
        </pre>
        <p className="mt-2">
          The API is described in{" "}
          <a href="/api/v1/openapi.json" className="underline">
            /api/v1/openapi.json
          </a>
          . On the server itself, <code className="font-mono text-xs">npm run --silent cli -- token create</code> makes one too.
        </p>
      </section>
    </main>
  );
}
