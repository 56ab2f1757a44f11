import { createHmac, randomBytes } from "node:crypto";
import { db } from "@/lib/db";

const SETTING_KEY = "pseudonym_key";

/**
 * A stable annotator pseudonym: "a-" + the first 8 hex digits of
 * HMAC-SHA256(key, userId). Keyed, so nobody holding the user ids can
 * recompute the mapping; 8 digits (32 bits) rather than 6 keeps the chance
 * that two of a project's annotators collide negligible for crowds in the
 * hundreds (a collision would merge two people in agreement figures).
 */
export function pseudonymFor(userId: string, key: string): string {
  return "a-" + createHmac("sha256", key).update(userId).digest("hex").slice(0, 8);
}

/**
 * A project's pseudonym key: HMAC-SHA256(installation key, project id). Per
 * project, so one person has unrelated pseudonyms in two projects' exports
 * and agreement figures, and datasets from different projects cannot be
 * joined on annotators; stable, so re-exports and re-imports of a project
 * name the same people the same way.
 *
 * @internal caller has checked access
 */
export async function getPseudonymKey(projectId: string): Promise<string> {
  return createHmac("sha256", await getInstallationKey()).update(`project:${projectId}`).digest("hex");
}

/**
 * The installation's secret, created on first use. Concurrent first
 * calls race on an INSERT … ON CONFLICT DO NOTHING and then all read the one
 * row that won, so every caller gets the same key. Never used directly as a
 * pseudonym key.
 */
export async function getInstallationKey(): Promise<string> {
  const existing = await db.appSetting.findUnique({ where: { key: SETTING_KEY } });
  if (existing) return existing.value;
  await db.appSetting.createMany({
    data: [{ key: SETTING_KEY, value: randomBytes(32).toString("hex") }],
    skipDuplicates: true,
  });
  const stored = await db.appSetting.findUniqueOrThrow({ where: { key: SETTING_KEY } });
  return stored.value;
}

/** userId → pseudonym, memoized for one export (an export names few people many times). */
export function pseudonymizer(key: string): (userId: string) => string {
  const cache = new Map<string, string>();
  return (userId) => {
    let label = cache.get(userId);
    if (label === undefined) {
      label = pseudonymFor(userId, key);
      cache.set(userId, label);
    }
    return label;
  };
}
