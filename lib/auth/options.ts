import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { db } from "@/lib/db";
import { readEnv, resolveAuthSecret } from "@/lib/env";
import { authorizeCredentials } from "./authorize-credentials";
import { verifiedOAuthEmail } from "./oauth-email";
import { safeRedirectUrl } from "./safe-redirect";
import { isSessionCurrent } from "./session-version";

/**
 * A session lasts a working day and is renewed while it is used: 12 hours
 * after the last renewal, renewed at most once an hour (lib/auth/session.ts).
 */
export const SESSION_MAX_AGE_SECONDS = 12 * 3600;
export const SESSION_UPDATE_AGE_SECONDS = 3600;

function oauthProviders() {
  const env = readEnv();
  const providers = [];
  if (env.GITHUB_ID && env.GITHUB_SECRET) {
    providers.push(GitHubProvider({ clientId: env.GITHUB_ID, clientSecret: env.GITHUB_SECRET }));
  }
  if (env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET) {
    providers.push(GoogleProvider({ clientId: env.GOOGLE_CLIENT_ID, clientSecret: env.GOOGLE_CLIENT_SECRET }));
  }
  return providers;
}

const SESSION_ENDED = "Session ended: signed at an older session version.";

let cached: NextAuthOptions | undefined;

/** next-auth options, built on first use (never at build time: the secret may live in the data dir). */
export function authOptions(): NextAuthOptions {
  cached ??= {
    secret: resolveAuthSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: SESSION_UPDATE_AGE_SECONDS },
    // Said outright rather than left to next-auth's guess from the request:
    // behind a TLS-terminating proxy the app sees http, and the session cookie
    // must still be `Secure` (and `__Secure-`/`__Host-` prefixed) in production.
    useSecureCookies: (readEnv().NEXTAUTH_URL ?? "").startsWith("https://"),
    pages: { signIn: "/login", error: "/login" },
    // An ended session is routine (a reset, a role change): not worth an error with a stack on every request.
    logger: {
      error(code, metadata) {
        if (code === "JWT_SESSION_ERROR" && metadata instanceof Error && metadata.message === SESSION_ENDED) return;
        console.error(`[next-auth][error][${code}]`, metadata);
      },
    },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        authorize: (credentials, req) => authorizeCredentials(credentials, req?.headers as Record<string, unknown> | undefined),
      }),
      ...oauthProviders(),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider === "credentials") return true;
        // OAuth links or creates an account only by an email the provider verified (lib/auth/oauth-email.ts).
        const email = await verifiedOAuthEmail({
          provider: account?.provider ?? "",
          profile: profile as Record<string, unknown> | undefined,
          accessToken: account?.access_token,
        });
        if (!email) return false;
        let found = await db.user.findUnique({ where: { email }, select: { id: true, disabled: true, external: true, sessionVersion: true } });
        if (found?.disabled || found?.external) return false;
        found ??= await db.user.create({
          data: { email, name: user.name ?? email, role: "ANNOTATOR" },
          select: { id: true, disabled: true, external: true, sessionVersion: true },
        });
        // Without a database adapter next-auth hands this same object to the jwt callback as `user`.
        Object.assign(user, { id: found.id, email, sessionVersion: found.sessionVersion });
        return true;
      },
      async jwt({ token, user, account }) {
        if (user && account) {
          // Sign-in: the token names the user and the session version it was signed at.
          token.uid = user.id;
          token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
          return token;
        }
        // Every later request: a token signed before a reset, role change, disable or
        // "sign out everywhere" is no session (next-auth then clears the cookie).
        if (!(await isSessionCurrent(token.uid, token.sv))) throw new Error(SESSION_ENDED);
        return token;
      },
      async session({ session, token }) {
        if (session.user) (session.user as { id?: string }).id = typeof token.uid === "string" ? token.uid : undefined;
        // For the sliding renewal in lib/auth/session.ts.
        (session as { issuedAt?: number }).issuedAt = typeof token.iat === "number" ? token.iat : undefined;
        return session;
      },
      redirect({ url, baseUrl }) {
        return safeRedirectUrl(url, baseUrl);
      },
    },
  };
  return cached;
}
