/**
 * The email an OAuth sign-in may link to or create an account with: only one
 * the provider says it has verified. An unverified address would let anyone
 * who types a victim's email at the provider sign in as the victim here.
 * - Google: the ID token's `email_verified` must be `true`.
 * - GitHub: the profile's email is not checked by GitHub, so the address must
 *   be the primary one in the verified list from /user/emails.
 * Anything else (another provider, no email, an error from GitHub) gives null.
 */
export type OAuthSignIn = {
  provider: string;
  profile?: Record<string, unknown> | null;
  accessToken?: string | null;
};

type GitHubEmail = { email?: unknown; primary?: unknown; verified?: unknown };

export async function verifiedOAuthEmail(signIn: OAuthSignIn, fetchImpl: typeof fetch = fetch): Promise<string | null> {
  if (signIn.provider === "google") {
    const email = signIn.profile?.email;
    if (signIn.profile?.email_verified !== true || typeof email !== "string" || !email) return null;
    return email.trim().toLowerCase();
  }
  if (signIn.provider === "github") {
    if (!signIn.accessToken) return null;
    try {
      const response = await fetchImpl("https://api.github.com/user/emails", {
        headers: { Authorization: `Bearer ${signIn.accessToken}`, Accept: "application/vnd.github+json", "User-Agent": "pairwise" },
      });
      if (!response.ok) return null;
      const emails = (await response.json()) as unknown;
      if (!Array.isArray(emails)) return null;
      const primary = (emails as GitHubEmail[]).find((e) => e.primary === true && e.verified === true && typeof e.email === "string");
      return primary ? (primary.email as string).trim().toLowerCase() : null;
    } catch {
      return null;
    }
  }
  return null;
}
