import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import { releaseSignInAttempt, SIGN_IN_LIMITS, takeSignInAttempt } from "./sign-in-throttle";
import { clientAddress } from "./client-address";
import { readEnv } from "@/lib/env";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.cleanup();
});

const minutes = (from: Date, n: number) => new Date(from.getTime() + n * 60_000);

describe("takeSignInAttempt", () => {
  it("refuses past the pair limit until its window ends, saying when", async () => {
    const start = new Date("2026-11-28T10:00:00Z");
    const who = { email: "Window@Example.com", address: "192.0.2.1" };
    for (let i = 0; i < SIGN_IN_LIMITS.pair.max; i++) await takeSignInAttempt({ ...who, now: minutes(start, i) });
    await expect(takeSignInAttempt({ ...who, now: minutes(start, 10) })).rejects.toThrow(
      "Too many sign-in attempts. Try again in 5 minutes (after 10:15 UTC), or ask an admin to reset your password.",
    );
    // Case of the email does not make another account.
    await expect(takeSignInAttempt({ email: "window@example.com", address: "192.0.2.1", now: minutes(start, 11) })).rejects.toThrow(/Too many/);
    await expect(takeSignInAttempt({ ...who, now: minutes(start, 15) })).resolves.toBeUndefined();
  });

  it("a success gives its attempt back and clears the pair", async () => {
    const now = new Date("2026-11-28T12:00:00Z");
    const who = { email: "owner@example.com", address: null };
    for (let i = 0; i < SIGN_IN_LIMITS.pair.max - 1; i++) await takeSignInAttempt({ ...who, now });
    await takeSignInAttempt({ ...who, now });
    await releaseSignInAttempt(who);
    for (let i = 0; i < SIGN_IN_LIMITS.pair.max; i++) await takeSignInAttempt({ ...who, now });
    await expect(takeSignInAttempt({ ...who, now })).rejects.toThrow(/Too many/);
  });
});

describe("clientAddress", () => {
  it("TRUST_PROXY is a number of hops; a bad value names the variable", () => {
    expect(readEnv({} as NodeJS.ProcessEnv).TRUST_PROXY).toBe(0);
    expect(readEnv({ TRUST_PROXY: "2" } as unknown as NodeJS.ProcessEnv).TRUST_PROXY).toBe(2);
    expect(() => readEnv({ TRUST_PROXY: "yes" } as unknown as NodeJS.ProcessEnv)).toThrow(/TRUST_PROXY: TRUST_PROXY must be the number of proxy hops, such as 1/);
  });

  const xff = (value: string) => new Headers({ "x-forwarded-for": value });
  it("ignores X-Forwarded-For unless TRUST_PROXY is set", () => {
    expect(clientAddress(xff("198.51.100.1"), 0)).toBeNull();
    expect(clientAddress({ "x-forwarded-for": "198.51.100.1" }, 0)).toBeNull();
  });
  it.each([
    [1, "1.1.1.1, 2.2.2.2, 203.0.113.7", "203.0.113.7"],
    [2, "1.1.1.1, 203.0.113.7, 10.0.0.2", "203.0.113.7"],
    [3, "203.0.113.7, 10.0.0.2", "203.0.113.7"],
    [1, "", null],
  ])("with %i proxies reads %j as %s", (hops, header, expected) => {
    expect(clientAddress(xff(header), hops)).toBe(expected);
  });
});
