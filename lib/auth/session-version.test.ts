import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { encode, decode } from "next-auth/jwt";
import { createTestDb, type TestDb } from "@/test/db";
import { db } from "@/lib/db";
import { createActor, userWithToken } from "@/test/api-fixtures";
import { actorFromApiToken } from "@/lib/api-tokens/actor-from-api-token";
import { resetUserPassword } from "@/lib/users/reset-user-password";
import { updateUserRole } from "@/lib/users/update-user-role";
import { setUserDisabled } from "@/lib/users/set-user-disabled";

/**
 * Issue 8 item 7 through next-auth's real getServerSession: a session JWT
 * signed before a password reset, role change, disable or "sign out
 * everywhere" is no session any more; a reset revokes API tokens; a session
 * lives 12 hours from its last renewal.
 */
const SECRET = "session-version-test-secret-0123456789abcdef";
const COOKIE = "next-auth.session-token";
const jar = vi.hoisted(() => ({ value: undefined as string | undefined, set: [] as { name: string; value: string; options: { expires?: Date } }[] }));
// next-auth's getServerSession reads next/headers through a CommonJS require that
// vitest cannot reach, so the one-argument (App Router) call is routed to its
// (req, res, options) form with the same cookie: the session route, the jwt and
// session callbacks and the JWT decoding are next-auth's own.
vi.mock("next-auth", async (importOriginal) => {
  const actual = await importOriginal<typeof import("next-auth")>();
  const res = { getHeader() {}, setCookie() {}, setHeader() {} };
  return {
    ...actual,
    getServerSession: (options: unknown) =>
      (actual.getServerSession as (...args: unknown[]) => Promise<unknown>)(
        { headers: { host: "localhost:3000" }, cookies: jar.value ? { [COOKIE]: jar.value } : {} },
        res,
        options,
      ),
  };
});
// The sliding renewal writes the cookie through next/headers (allowed in actions and route handlers).
vi.mock("next/headers", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  cookies: async () => ({
    get: (name: string) => (name === COOKIE && jar.value ? { name, value: jar.value } : undefined),
    set: (name: string, value: string, options: { expires?: Date }) => jar.set.push({ name, value, options }),
  }),
}));

let t: TestDb;
let getSessionUserId: () => Promise<string | null>;
let signOutEverywhere: typeof import("./sign-out-everywhere").signOutEverywhere;
beforeAll(async () => {
  t = await createTestDb();
  vi.stubEnv("NEXTAUTH_SECRET", SECRET);
  vi.stubEnv("NEXTAUTH_URL", "http://localhost:3000");
  ({ getSessionUserId } = await import("./session"));
  ({ signOutEverywhere } = await import("./sign-out-everywhere"));
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await t.cleanup();
});
afterEach(() => {
  vi.useRealTimers();
  jar.value = undefined;
  jar.set = [];
});

/** A session cookie as next-auth signs it at sign-in: the user and the session version read then. */
async function signIn(userId: string, maxAge = 12 * 3600) {
  const { sessionVersion } = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { sessionVersion: true } });
  return encode({ token: { sub: userId, uid: userId, sv: sessionVersion }, secret: SECRET, maxAge });
}

async function sessionFor(cookie: string) {
  jar.value = cookie;
  return getSessionUserId();
}

describe("a session ends when its user's session version moves", () => {
  it.each([
    ["an admin resets the password", async (admin: Awaited<ReturnType<typeof createActor>>, userId: string) => { await resetUserPassword({ actor: admin, userId }); }],
    ["an admin changes the role", async (admin: Awaited<ReturnType<typeof createActor>>, userId: string) => { await updateUserRole({ actor: admin, userId, role: "LEAD" }); }],
    [
      "an admin disables the account (and enables it again)",
      async (admin: Awaited<ReturnType<typeof createActor>>, userId: string) => {
        await setUserDisabled({ actor: admin, userId, disabled: true });
        await setUserDisabled({ actor: admin, userId, disabled: false });
      },
    ],
    [
      "the user signs out everywhere",
      async (_admin: unknown, userId: string) => {
        const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, email: true, name: true, role: true } });
        await signOutEverywhere({ actor: user });
      },
    ],
  ])("when %s", async (_name, bump) => {
    const admin = await createActor("admin", "ADMIN");
    const user = await createActor("annotator");
    const before = await signIn(user.id);
    expect(await sessionFor(before)).toBe(user.id);
    await bump(admin, user.id);
    expect(await sessionFor(before)).toBeNull();
    // Signing in again works.
    expect(await sessionFor(await signIn(user.id))).toBe(user.id);
  });

  it("a token without a session version (signed before this rule) is no session", async () => {
    const user = await createActor("old-token");
    const legacy = await encode({ token: { sub: user.id, uid: user.id }, secret: SECRET, maxAge: 3600 });
    expect(await sessionFor(legacy)).toBeNull();
  });

  it("a password reset revokes the user's API tokens and says how many", async () => {
    const admin = await createActor("admin", "ADMIN");
    const owner = await userWithToken("token-owner", "LEAD");
    expect((await actorFromApiToken(owner.token)).id).toBe(owner.id);
    const result = await resetUserPassword({ actor: admin, userId: owner.id });
    expect(result).toMatchObject({ tokensRevoked: 1 });
    await expect(actorFromApiToken(owner.token)).rejects.toMatchObject({ code: "unauthorized" });
  });
});

describe("session life", () => {
  it("a session signed 13 hours ago has expired", async () => {
    const user = await createActor("stale");
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() - 13 * 3600_000);
    const { authOptions } = await import("./options");
    const old = await signIn(user.id, authOptions().session!.maxAge);
    vi.useRealTimers();
    expect(await sessionFor(old)).toBeNull();
  });

  it("a session in use is renewed for 12 more hours once it is an hour old", async () => {
    const user = await createActor("active");
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() - 2 * 3600_000);
    const older = await signIn(user.id);
    vi.useRealTimers();
    expect(await sessionFor(older)).toBe(user.id);
    expect(jar.set).toHaveLength(1);
    const renewed = await decode({ token: jar.set[0]!.value, secret: SECRET });
    expect(renewed).toMatchObject({ uid: user.id, sv: 0 });
    expect((renewed!.exp as number) * 1000).toBeGreaterThan(Date.now() + 11.9 * 3600_000);
    // A fresh one is left alone.
    jar.set = [];
    expect(await sessionFor(await signIn(user.id))).toBe(user.id);
    expect(jar.set).toHaveLength(0);
  });
});
