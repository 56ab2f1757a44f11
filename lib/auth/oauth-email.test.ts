import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import { db } from "@/lib/db";
import { unique } from "@/test/api-fixtures";
import { verifiedOAuthEmail } from "./oauth-email";

/**
 * Issue 8 item 15: an OAuth sign-in links to or creates an account only by an
 * email the provider verified.
 */
const githubEmails = (body: unknown, status = 200) =>
  vi.fn(async (url: string | URL | Request) => {
    expect(String(url)).toBe("https://api.github.com/user/emails");
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  }) as unknown as typeof fetch;

describe("verifiedOAuthEmail", () => {
  it.each([
    ["verified", { email: "Ann@Example.com", email_verified: true }, "ann@example.com"],
    ["not verified", { email: "ann@example.com", email_verified: false }, null],
    ["verified as the string 'true'", { email: "ann@example.com", email_verified: "true" }, null],
    ["silent about verification", { email: "ann@example.com" }, null],
    ["verified but without an email", { email_verified: true }, null],
  ])("Google, %s", async (_name, profile, expected) => {
    expect(await verifiedOAuthEmail({ provider: "google", profile })).toBe(expected);
  });

  it("GitHub: the verified primary email from /user/emails, not the profile's", async () => {
    const fetchImpl = githubEmails([
      { email: "old@example.com", primary: false, verified: true },
      { email: "Main@Example.com", primary: true, verified: true },
    ]);
    expect(await verifiedOAuthEmail({ provider: "github", profile: { email: "victim@example.com" }, accessToken: "gho_x" }, fetchImpl)).toBe("main@example.com");
  });

  it.each([
    ["an unverified primary", [{ email: "victim@example.com", primary: true, verified: false }], 200],
    ["only a verified secondary", [{ email: "victim@example.com", primary: false, verified: true }], 200],
    ["an error from GitHub", { message: "Bad credentials" }, 401],
    ["not a list", { email: "victim@example.com" }, 200],
  ])("GitHub refuses %s", async (_name, body, status) => {
    expect(await verifiedOAuthEmail({ provider: "github", profile: { email: "victim@example.com" }, accessToken: "gho_x" }, githubEmails(body, status))).toBeNull();
  });

  it("GitHub without an access token, or an unknown provider, gives nothing", async () => {
    expect(await verifiedOAuthEmail({ provider: "github", profile: { email: "a@example.com" } })).toBeNull();
    expect(await verifiedOAuthEmail({ provider: "gitlab", profile: { email: "a@example.com", email_verified: true } })).toBeNull();
  });
});

describe("the signIn callback", () => {
  type SignIn = (params: unknown) => Promise<boolean | string>;
  let signIn: SignIn;
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    vi.stubEnv("NEXTAUTH_SECRET", "oauth-email-test-secret-0123456789abcdef");
    const { authOptions } = await import("./options");
    signIn = authOptions().callbacks!.signIn as unknown as SignIn;
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await t.cleanup();
  });

  const google = (email: string, verified: boolean) => ({
    user: { id: "google-sub", email, name: "Someone" },
    account: { provider: "google", type: "oauth", providerAccountId: "1" },
    profile: { email, email_verified: verified, name: "Someone" },
  });

  it("does not link an existing account by an unverified Google email", async () => {
    const email = `victim-${unique()}@example.com`;
    await db.user.create({ data: { email, name: "Victim", role: "ADMIN" } });
    expect(await signIn(google(email, false))).toBe(false);
  });

  it("does not create an account for an unverified Google email", async () => {
    const email = `new-${unique()}@example.com`;
    expect(await signIn(google(email, false))).toBe(false);
    expect(await db.user.count({ where: { email } })).toBe(0);
  });

  it("links or creates by a verified Google email", async () => {
    const email = `verified-${unique()}@example.com`;
    const params = google(email, true);
    expect(await signIn(params)).toBe(true);
    const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true, role: true } });
    expect(user.role).toBe("ANNOTATOR");
    expect(params.user.id).toBe(user.id);
  });
});
