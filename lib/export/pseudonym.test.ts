import { describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { exportProject } from "./export-project";
import { getInstallationKey, getPseudonymKey, pseudonymFor, pseudonymizer } from "./pseudonym";
import { collectLines, seedItem, seedJudgment, seedProject, seedUsers } from "./test-fixtures";

describe("pseudonymFor", () => {
  it('is "a-" and 8 hex digits', () => {
    expect(pseudonymFor("user-1", "key")).toMatch(/^a-[0-9a-f]{8}$/);
  });

  it("is stable for a user and key, and differs between users and between keys", () => {
    expect(pseudonymFor("user-1", "key")).toBe(pseudonymFor("user-1", "key"));
    expect(pseudonymFor("user-1", "key")).not.toBe(pseudonymFor("user-2", "key"));
    expect(pseudonymFor("user-1", "key")).not.toBe(pseudonymFor("user-1", "other key"));
  });

  it("is the keyed HMAC, not a plain hash of the user id", async () => {
    const { createHash } = await import("node:crypto");
    const plain = createHash("sha256").update("user-1").digest("hex").slice(0, 8);
    expect(pseudonymFor("user-1", "key")).not.toBe(`a-${plain}`);
  });

  it("memoizes through pseudonymizer with the same result", () => {
    const label = pseudonymizer("key");
    expect(label("u")).toBe(pseudonymFor("u", "key"));
    expect(label("u")).toBe(label("u"));
  });
});

describe("getInstallationKey", () => {
  withTestDb();

  it("creates one random key on first use, under concurrent first calls, and keeps it", async () => {
    const keys = await Promise.all(Array.from({ length: 8 }, () => getInstallationKey()));
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(await getInstallationKey()).toBe(keys[0]);
    const stored = await db.appSetting.findMany({ where: { key: "pseudonym_key" } });
    expect(stored.map((s) => s.value)).toEqual([keys[0]]);
  });
});

describe("per-project pseudonyms", () => {
  withTestDb();

  const annotatorsIn = async (projectId: string) =>
    (await collectLines(exportProject({ projectId, format: "raw" }))).map((line) => (JSON.parse(line) as { annotator: string }).annotator);

  it("gives one person different pseudonyms in two projects' exports, and the same one twice within a project", async () => {
    const [person] = await seedUsers(1);
    const projects = [await seedProject(), await seedProject()];
    for (const project of projects) {
      const item = await seedItem(project.id, { externalId: "q-1" });
      await seedJudgment(item.id, person!.id, { preference: 1 });
    }
    const [first, second] = [await annotatorsIn(projects[0]!.id), await annotatorsIn(projects[1]!.id)];
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(1);
    expect(first[0]).toMatch(/^a-[0-9a-f]{8}$/);
    expect(first[0]).not.toBe(second[0]);
    expect(await annotatorsIn(projects[0]!.id)).toEqual(first);
    expect(first[0]).toBe(pseudonymFor(person!.id, await getPseudonymKey(projects[0]!.id)));
  });
});
