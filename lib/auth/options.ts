import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { db } from "@/lib/db";
import { readEnv, resolveAuthSecret } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { signInInput } from "@/lib/validations/user";
import { verifyPassword } from "./password";
import { assertSignInAllowed, clearSignInFailures, recordSignInFailure } from "./rate-limit";

function clientAddress(headers: Record<string, unknown> | undefined): string | null {
  const forwarded = headers?.["x-forwarded-for"];
  if (typeof forwarded === "string" && forwarded) return forwarded.split(",")[0]!.trim();
  const real = headers?.["x-real-ip"];
  return typeof real === "string" && real ? real : null;
}

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

let cached: NextAuthOptions | undefined;

/** next-auth options, built on first use (never at build time: the secret may live in the data dir). */
export function authOptions(): NextAuthOptions {
  cached ??= {
    secret: resolveAuthSecret(),
    session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
    // Said outright rather than left to next-auth's guess from the request:
    // behind a TLS-terminating proxy the app sees http, and the session cookie
    // must still be `Secure` (and `__Secure-`/`__Host-` prefixed) in production.
    useSecureCookies: (readEnv().NEXTAUTH_URL ?? "").startsWith("https://"),
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const parsed = signInInput.safeParse(credentials ?? {});
          if (!parsed.success) throw new Error("Enter your email and password.");
          const { email, password } = parsed.data;
          const address = clientAddress(req?.headers as Record<string, unknown> | undefined);
          try {
            await assertSignInAllowed(email, address);
          } catch (error) {
            if (isAppError(error)) throw new Error(error.message);
            throw error;
          }
          const user = await db.user.findUnique({
            where: { email },
            select: { id: true, email: true, name: true, disabled: true, external: true, passwordHash: true },
          });
          const ok = await verifyPassword(password, user?.passwordHash);
          if (!user || !ok || user.external) {
            await recordSignInFailure(email, address);
            throw new Error("Wrong email or password.");
          }
          if (user.disabled) throw new Error("This account is disabled. Ask your project lead.");
          await clearSignInFailures(email);
          return { id: user.id, email: user.email, name: user.name };
        },
      }),
      ...oauthProviders(),
    ],
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider === "credentials") return true;
        // OAuth: an existing, enabled account with this verified email, or a new annotator.
        const email = user.email?.toLowerCase();
        if (!email) return false;
        const existing = await db.user.findUnique({ where: { email }, select: { disabled: true } });
        if (existing?.disabled) return false;
        if (!existing) await db.user.create({ data: { email, name: user.name ?? email, role: "ANNOTATOR" } });
        return true;
      },
      async jwt({ token, user, account }) {
        if (user && account) {
          if (account.provider === "credentials") token.uid = user.id;
          else if (user.email) {
            const found = await db.user.findUnique({ where: { email: user.email.toLowerCase() }, select: { id: true } });
            token.uid = found?.id;
          }
        }
        return token;
      },
      async session({ session, token }) {
        if (session.user) (session.user as { id?: string }).id = typeof token.uid === "string" ? token.uid : undefined;
        return session;
      },
    },
  };
  return cached;
}
