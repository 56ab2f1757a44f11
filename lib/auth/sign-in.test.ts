import bcrypt from "bcryptjs";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import { db } from "@/lib/db";
import { unique } from "@/test/api-fixtures";
import { issueKnownDevice, KNOWN_DEVICE_COOKIE } from "./known-device";

/**
 * Issue 8 items 4 and 12 through the credentials provider's authorize, as
 * next-auth calls it: the throttle is taken atomically before the password is
 * evaluated, forwarded headers count only behind a configured proxy, the
 * owner is not locked out from their own address, and a disabled account
 * answers like a wrong password.
 */
const evaluations = vi.hoisted(() => ({ count: 0 }));
vi.mock("@/lib/auth/password", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./password")>();
  return {
    ...actual,
    verifyPassword: (password: string, hash: string | null | undefined) => {
      evaluations.count++;
      return actual.verifyPassword(password, hash);
    },
  };
});

type Authorize = (credentials: unknown, request: unknown) => Promise<{ id: string } | null>;
let authorize: Authorize;
let t: TestDb;
const PASSWORD = "correct horse battery staple";
let hash: string;

beforeAll(async () => {
  t = await createTestDb();
  vi.stubEnv("NEXTAUTH_SECRET", "sign-in-test-secret-0123456789abcdef");
  const { authOptions } = await import("@/lib/auth/options");
  authorize = (authOptions().providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;
  hash = await bcrypt.hash(PASSWORD, 4);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await t.cleanup();
});
afterEach(() => {
  vi.stubEnv("TRUST_PROXY", "");
});

async function account(options: { disabled?: boolean } = {}) {
  const email = `signin-${unique()}@example.com`;
  await db.user.create({ data: { email, name: "Sign-in test", passwordHash: hash, disabled: options.disabled ?? false } });
  return email;
}

const request = (forwardedFor?: string, cookie?: string) => ({
  headers: { ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}), ...(cookie ? { cookie } : {}) },
});

async function attempt(email: string, password: string, forwardedFor?: string, cookie?: string): Promise<"ok" | "wrong" | "limited" | string> {
  try {
    const user = await authorize({ email, password }, request(forwardedFor, cookie));
    return user ? "ok" : "null";
  } catch (error) {
    const message = (error as Error).message;
    if (/^Wrong email or password/.test(message)) return "wrong";
    if (/Too many sign-in attempts/.test(message)) return "limited";
    return message;
  }
}

describe("sign-in throttle", () => {
  it("25 parallel guesses on one account: at most 5 passwords are evaluated", async () => {
    const email = await account();
    evaluations.count = 0;
    const results = await Promise.all(Array.from({ length: 25 }, () => attempt(email, "wrong password 123")));
    expect(results.filter((r) => r === "wrong")).toHaveLength(5);
    expect(results.filter((r) => r === "limited")).toHaveLength(20);
    expect(evaluations.count).toBe(5);
  });

  it("25 parallel right passwords from one place: at most 5 are evaluated", async () => {
    const email = await account();
    evaluations.count = 0;
    const results = await Promise.all(Array.from({ length: 25 }, () => attempt(email, PASSWORD)));
    expect(results.filter((r) => r === "ok").length).toBeLessThanOrEqual(5);
    expect(evaluations.count).toBeLessThanOrEqual(5);
  });

  it("says when to try again", async () => {
    const email = await account();
    for (let i = 0; i < 5; i++) await attempt(email, "wrong password 123");
    await expect(authorize({ email, password: PASSWORD }, request())).rejects.toThrow(/Too many sign-in attempts.*Try again (in \d+ minutes?|after \d\d:\d\d UTC)/);
  });

  it("without TRUST_PROXY, a rotating X-Forwarded-For does not escape the limit", async () => {
    const email = await account();
    const results = [];
    for (let i = 0; i < 8; i++) results.push(await attempt(email, "wrong password 123", `198.51.100.${i}`));
    expect(results).toEqual([...Array(5).fill("wrong"), ...Array(3).fill("limited")]);
  });

  it("with TRUST_PROXY=1, only the entry the proxy wrote counts: rotating the rest does not escape the per-address limit", async () => {
    vi.stubEnv("TRUST_PROXY", "1");
    const emails = await Promise.all(Array.from({ length: 101 }, () => account()));
    const results = [];
    // One guess per account (password spraying) from one real address, lying in the leftmost entries.
    for (const [i, email] of emails.entries()) results.push(await attempt(email, "wrong password 123", `10.9.${i}.1, 203.0.113.77`));
    expect(results.at(-1)).toBe("limited");
    expect(results.filter((r) => r === "wrong").length).toBeLessThanOrEqual(100);
  });

  it("with TRUST_PROXY=1, an attacker's guesses from one address do not lock the owner out at theirs", async () => {
    vi.stubEnv("TRUST_PROXY", "1");
    const email = await account();
    for (let i = 0; i < 10; i++) await attempt(email, "wrong password 123", "192.0.2.66");
    expect(await attempt(email, "wrong password 123", "192.0.2.66")).toBe("limited");
    expect(await attempt(email, PASSWORD, "203.0.113.5")).toBe("ok");
  });

  it("with TRUST_PROXY=1, guesses spread over many addresses meet a slower limit per account", async () => {
    vi.stubEnv("TRUST_PROXY", "1");
    const email = await account();
    const results = [];
    for (let i = 0; i < 55; i++) results.push(await attempt(email, "wrong password 123", `192.0.2.${i}`));
    expect(results.filter((r) => r === "wrong")).toHaveLength(50);
    expect(results.slice(50)).toEqual(Array(5).fill("limited"));
  });
});

describe("a browser the owner signed in from before (known-device cookie)", () => {
  const deviceCookie = (email: string) => `theme=dark; ${KNOWN_DEVICE_COOKIE}=${issueKnownDevice(email)}`;

  it("is not locked out by strangers' guesses, even with no address known", async () => {
    const email = await account();
    for (let i = 0; i < 60; i++) await attempt(email, "wrong password 123", `198.51.100.${i}`);
    expect(await attempt(email, PASSWORD)).toBe("limited");
    expect(await attempt(email, PASSWORD, undefined, deviceCookie(email))).toBe("ok");
  });

  it("has its own limit for wrong passwords", async () => {
    const email = await account();
    const cookie = deviceCookie(email);
    const results = [];
    for (let i = 0; i < 7; i++) results.push(await attempt(email, "wrong password 123", undefined, cookie));
    expect(results).toEqual([...Array(5).fill("wrong"), ...Array(2).fill("limited")]);
  });

  it("does not help with another account, or when forged", async () => {
    const owner = await account();
    const victim = await account();
    for (let i = 0; i < 5; i++) await attempt(victim, "wrong password 123");
    expect(await attempt(victim, PASSWORD, undefined, deviceCookie(owner))).toBe("limited");
    const forged = deviceCookie(victim).replace(/.{4}$/, "AAAA");
    expect(await attempt(victim, PASSWORD, undefined, forged)).toBe("limited");
  });
});

describe("sign-in answers (issue 8 item 12)", () => {
  it("a disabled account answers like a wrong password, even with the right password", async () => {
    const disabled = await account({ disabled: true });
    const wrong = await authorize({ email: await account(), password: "wrong password 123" }, request()).catch((e: Error) => e.message);
    const unknown = await authorize({ email: `nobody-${unique()}@example.com`, password: PASSWORD }, request()).catch((e: Error) => e.message);
    const right = await authorize({ email: disabled, password: PASSWORD }, request()).catch((e: Error) => e.message);
    const wrongForDisabled = await authorize({ email: disabled, password: "wrong password 123" }, request()).catch((e: Error) => e.message);
    expect(new Set([wrong, unknown, right, wrongForDisabled]).size).toBe(1);
    expect(right).toMatch(/^Wrong email or password/);
  });

  it("an enabled account with the right password signs in", async () => {
    const email = await account();
    expect(await authorize({ email, password: PASSWORD }, request())).toMatchObject({ email });
  });
});
