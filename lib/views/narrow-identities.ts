import "server-only";
import { db } from "@/lib/db";
import { getPseudonymKey, pseudonymizer } from "@/lib/export/pseudonym";
import type { AnnotatorIdentity } from "@/lib/agreement/project-agreement";
import type { IdentityScope } from "@/lib/permissions";

/**
 * A stored result names every annotator (scope "all"); a reader gets only the
 * names their scope allows, decided now, not when the result was computed: a
 * lead sees the project's current members by name ("members"), nobody for
 * "none". So someone removed from the project is a pseudonym again at once.
 *
 * @internal caller has checked access
 */
export async function narrowIdentities(projectId: string, identities: Record<string, AnnotatorIdentity>, scope: IdentityScope): Promise<Record<string, AnnotatorIdentity>> {
  if (scope === "all") return identities;
  if (scope === "none") return {};
  const label = pseudonymizer(await getPseudonymKey(projectId));
  const members = await db.membership.findMany({ where: { projectId }, select: { userId: true } });
  const allowed = new Set(members.map((m) => label(m.userId)));
  return Object.fromEntries(Object.entries(identities).filter(([pseudonym]) => allowed.has(pseudonym)));
}
