import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "./db";
import { db } from "@/lib/db";

let t: TestDb;
beforeAll(async () => { t = await createTestDb(); });
afterAll(async () => { await t.cleanup(); });

describe("test database", () => {
  it("applies the migrations and round-trips a user without its password hash", async () => {
    await db.user.create({ data: { email: "a@example.com", name: "A", passwordHash: "secret-hash" } });
    const user = await db.user.findUniqueOrThrow({ where: { email: "a@example.com" } });
    expect(user.email).toBe("a@example.com");
    expect("passwordHash" in user).toBe(false);
  });
});
