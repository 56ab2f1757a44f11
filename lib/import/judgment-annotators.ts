import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { getPseudonymKey, pseudonymFor } from "@/lib/export/pseudonym";

/**
 * Where annotators without an account here are filed: a reserved top-level
 * domain (RFC 2606) that never delivers mail, and that nobody may register
 * or be invited with (lib/validations/user.ts refuses it).
 */
export const EXTERNAL_EMAIL_DOMAIN = "external.invalid";

/**
 * The address of the external annotator `name` of one project: derived from
 * the project and the name, so one vendor name in two projects is two
 * people, and no file can name an address that already exists.
 *
 * @internal caller has checked access
 */
export const externalEmail = (projectId: string, name: string) =>
  `ext-${createHash("sha256").update(`${projectId}\n${name}`).digest("hex")}@${EXTERNAL_EMAIL_DOMAIN}`;

/** The one answer for an annotator that is no member: it names no account and says nothing about whether one exists. */
export const NOT_A_MEMBER = "annotator: not a member of this project; use a member's email or an external name (without @)";

/** What the export writes as a pseudonym: "a-" and 8 hex digits. Such a name is never taken for a new external annotator. */
const PSEUDONYM_SHAPE = /^a-[0-9a-f]{8}$/;

export type AnnotatorDirectory = {
  /** The member an imported `annotator` names, if any. */
  resolve(annotator: string): string | undefined;
  /** Whether an `annotator` that names no member may become a new external annotator: not an email, not a pseudonym. */
  mayCreate(annotator: string): boolean;
  /** Creates the external annotators (no password, no login) and their memberships. Returns how many users were created. */
  addExternal(annotators: string[]): Promise<number>;
};

/**
 * Who an imported `annotator` is, among the project's members only: the
 * pseudonym this project's raw export gives a member (so an export
 * re-imported names the same people), an external annotator created for
 * this project under that name, or a member's email (case-insensitive).
 * Nobody else can be named: an account that is no member, its pseudonym and
 * an unknown email all get NOT_A_MEMBER, so a file can neither write as any
 * user of the installation nor learn which emails exist.
 *
 * @internal caller has checked access
 */
export async function loadAnnotatorDirectory(projectId: string): Promise<AnnotatorDirectory> {
  const [members, key] = await Promise.all([
    db.user.findMany({ where: { memberships: { some: { projectId } } }, select: { id: true, email: true, name: true, external: true } }),
    getPseudonymKey(projectId),
  ]);
  const byPseudonym = new Map<string, string>();
  const byEmail = new Map<string, string>();
  // External annotators made before addresses were per project: `<name>@external.invalid`, members here.
  const legacyExternal = new Map<string, string>();
  const remember = (user: { id: string; email: string; name: string; external: boolean }) => {
    byPseudonym.set(pseudonymFor(user.id, key), user.id);
    const lower = user.email.toLowerCase();
    if (user.external && lower === `${user.name}@${EXTERNAL_EMAIL_DOMAIN}`.toLowerCase()) legacyExternal.set(user.name, user.id);
    if (!byEmail.has(lower)) byEmail.set(lower, user.id);
  };
  members.forEach(remember);

  return {
    resolve: (annotator) => {
      if (PSEUDONYM_SHAPE.test(annotator)) return byPseudonym.get(annotator);
      if (annotator.includes("@")) return annotator.toLowerCase().endsWith(`@${EXTERNAL_EMAIL_DOMAIN}`) ? undefined : byEmail.get(annotator.toLowerCase());
      return byEmail.get(externalEmail(projectId, annotator)) ?? legacyExternal.get(annotator);
    },
    mayCreate: (annotator) => !PSEUDONYM_SHAPE.test(annotator) && !annotator.includes("@"),
    async addExternal(annotators) {
      const names = [...new Set(annotators)];
      if (names.length === 0) return 0;
      const emails = names.map((name) => externalEmail(projectId, name));
      const result = await db.user.createMany({
        data: names.map((name, i) => ({ email: emails[i]!, name, external: true, role: "ANNOTATOR" as const })),
        skipDuplicates: true,
      });
      const stored = await db.user.findMany({ where: { email: { in: emails } }, select: { id: true, email: true, name: true, external: true } });
      await db.membership.createMany({ data: stored.map((user) => ({ userId: user.id, projectId, role: "ANNOTATOR" as const })), skipDuplicates: true });
      stored.forEach(remember);
      return result.count;
    },
  };
}
