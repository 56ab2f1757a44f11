import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import { assertSignInAllowed, clearSignInFailures, recordSignInFailure, MAX_FAILURES_PER_EMAIL, MAX_FAILURES_PER_ADDRESS } from "./rate-limit";

let t: TestDb;
beforeAll(async () => { t = await createTestDb(); });
afterAll(async () => { await t.cleanup(); });

describe("sign-in rate limit", () => {
  it("blocks an email after too many failures, with a message that says what to do", async () => {
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL - 1; i++) await recordSignInFailure("Victim@Example.com", "10.0.0.1");
    await expect(assertSignInAllowed("victim@example.com", "10.0.0.2")).resolves.toBeUndefined();
    await recordSignInFailure("victim@example.com", "10.0.0.3");
    await expect(assertSignInAllowed("victim@example.com", "10.0.0.9")).rejects.toThrow(/Too many failed sign-ins for this email/);
    // Other accounts are not affected.
    await expect(assertSignInAllowed("someone@example.com", "10.0.0.9")).resolves.toBeUndefined();
  });

  it("the window passes", async () => {
    const later = new Date(Date.now() + 16 * 60_000);
    await expect(assertSignInAllowed("victim@example.com", null, later)).resolves.toBeUndefined();
  });

  it("a successful sign-in clears the email's failures", async () => {
    await clearSignInFailures("victim@example.com");
    await expect(assertSignInAllowed("victim@example.com", null)).resolves.toBeUndefined();
  });

  it("blocks an address that tries many emails", async () => {
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) await recordSignInFailure(`user${i}@example.com`, "192.0.2.7");
    await expect(assertSignInAllowed("fresh@example.com", "192.0.2.7")).rejects.toThrow(/from your network/);
    await expect(assertSignInAllowed("fresh@example.com", "192.0.2.8")).resolves.toBeUndefined();
  });
});
