import { db } from "@/lib/db";
import { getPseudonymKey, pseudonymFor } from "@/lib/export/pseudonym";

/** Where annotators without an account here are filed: never a deliverable address. */
export const EXTERNAL_EMAIL_DOMAIN = "external.invalid";
export const externalEmail = (annotator: string) => `${annotator}@${EXTERNAL_EMAIL_DOMAIN}`;

export type AnnotatorDirectory = {
  /** The user an imported `annotator` names, if any. */
  resolve(annotator: string): string | undefined;
  /**
   * Creates the external annotators (no password, no login) for names that
   * resolve to nobody, and makes every external annotator given a member of
   * the project. Returns how many users were created.
   */
  addExternal(projectId: string, annotators: string[], externalUserIds: Iterable<string>): Promise<number>;
  isExternal(userId: string): boolean;
};

/**
 * Who an imported `annotator` is, in this order: a stable pseudonym of a
 * user here (what our raw export writes, so an export re-imported names the
 * same people), an external annotator created by an earlier import of the
 * same name, then a user's email (case-insensitive). The pseudonyms of all
 * users are computed once, here: an HMAC each, a few milliseconds for
 * thousands of users, rather than a guess per line.
 */
export async function loadAnnotatorDirectory(): Promise<AnnotatorDirectory> {
  const [users, key] = await Promise.all([db.user.findMany({ select: { id: true, email: true, external: true } }), getPseudonymKey()]);
  const byPseudonym = new Map<string, string>();
  const byEmail = new Map<string, string>();
  const byLowerEmail = new Map<string, string>();
  const external = new Set<string>();
  const remember = (user: { id: string; email: string; external: boolean }) => {
    byPseudonym.set(pseudonymFor(user.id, key), user.id);
    byEmail.set(user.email, user.id);
    if (!byLowerEmail.has(user.email.toLowerCase())) byLowerEmail.set(user.email.toLowerCase(), user.id);
    if (user.external) external.add(user.id);
  };
  users.forEach(remember);

  return {
    resolve: (annotator) => byPseudonym.get(annotator) ?? byEmail.get(externalEmail(annotator)) ?? byLowerEmail.get(annotator.toLowerCase()),
    isExternal: (userId) => external.has(userId),
    async addExternal(projectId, annotators, externalUserIds) {
      let created = 0;
      const names = [...new Set(annotators)];
      if (names.length > 0) {
        const result = await db.user.createMany({
          data: names.map((name) => ({ email: externalEmail(name), name, external: true, role: "ANNOTATOR" as const })),
          skipDuplicates: true,
        });
        created = result.count;
        const stored = await db.user.findMany({ where: { email: { in: names.map(externalEmail) } }, select: { id: true, email: true, external: true } });
        stored.forEach(remember);
      }
      const members = new Set(externalUserIds);
      for (const name of names) {
        const id = byEmail.get(externalEmail(name));
        if (id) members.add(id);
      }
      if (members.size > 0) {
        await db.membership.createMany({ data: [...members].map((userId) => ({ userId, projectId, role: "ANNOTATOR" as const })), skipDuplicates: true });
      }
      return created;
    },
  };
}
