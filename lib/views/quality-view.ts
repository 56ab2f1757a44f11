import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { getPseudonymKey, pseudonymizer } from "@/lib/export/pseudonym";
import { annotatorIdentityScope, assertMayExportIdentities, getProjectForActor, type Actor, type IdentityScope } from "@/lib/permissions";
import { computeProjectQuality, type ProjectQuality, type QualityStatusName } from "@/lib/quality/project-quality";
import { DEFAULT_VIEW_POLICY, serveView, type ServedView, type ViewDefinition } from "./stored-view";

/**
 * Annotator quality (Dawid–Skene over every judgment: seconds to minutes on a
 * large project), stored per identity scope and per set of members: its
 * reading names people, so a lead's stored result is never one that named
 * someone who has left since (a changed membership is another stored view).
 */
export const qualityView: ViewDefinition<{ scope: IdentityScope; members: string }, ProjectQuality> = {
  key: "quality",
  compute: (projectId, params, signal) => computeProjectQuality(projectId, { identityScope: params.scope, memberIds: true, signal }),
};

/** The stored quality view's params for a scope, and the members they were read from (role and gold-check status). */
async function qualityViewParams(projectId: string, scope: IdentityScope) {
  const members = await db.membership.findMany({ where: { projectId }, select: { userId: true, role: true, qualityStatus: true }, orderBy: { userId: "asc" } });
  const membersHash = createHash("sha256")
    .update(members.map((m) => `${m.userId}:${m.role}`).join("\n"))
    .digest("base64url")
    .slice(0, 16);
  return { params: { scope, members: membersHash }, members };
}

/**
 * The quality figures without names (scope "none"), from the stored view:
 * what the data card's `quality` reads in a request (served result, with its
 * "as of"). Waits for the first computation when nothing is stored yet
 * (never less exact than computing it here); never call it from inside
 * another stored view's computation, since view jobs run one after another.
 *
 * @internal caller has checked access
 */
export async function readStoredQuality(projectId: string): Promise<{ quality: ProjectQuality; asOf: Date } | null> {
  const { params } = await qualityViewParams(projectId, "none");
  const served = await serveView(qualityView, { projectId, params, policy: { firstWaitMs: DEFAULT_VIEW_POLICY.leaseMs } });
  return served.payload && served.asOf ? { quality: served.payload, asOf: served.asOf } : null;
}

/**
 * The quality page's and `GET …/quality`'s figures from the stored view:
 * checks access as readProjectQuality does (annotators 403, non-members 404,
 * names for export admins only). Each member's gold-check status and user id
 * are read now, so a lead's action on the page shows at once.
 */
export async function serveProjectQuality(options: { actor: Actor; slug: string; identities?: "page" | "export"; memberIds?: boolean }): Promise<ServedView<ProjectQuality>> {
  const { actor, identities } = options;
  const project = await getProjectForActor({ actor, slug: options.slug, access: "lead" });
  if (identities === "export") assertMayExportIdentities(actor, project);
  const scope = identities ? annotatorIdentityScope(actor, project, identities) : "none";
  const { params, members } = await qualityViewParams(project.id, scope);
  const served = await serveView(qualityView, { projectId: project.id, params });
  if (!served.payload) return served;
  const label = pseudonymizer(await getPseudonymKey(project.id));
  const status = new Map(members.map((m) => [label(m.userId), m.qualityStatus.toLowerCase() as QualityStatusName]));
  const { member_ids: _stored, ...rest } = served.payload;
  const payload: ProjectQuality = {
    ...rest,
    per_annotator: rest.per_annotator.map((row) => ({ ...row, status: status.get(row.annotator) ?? null })),
    ...(options.memberIds ? { member_ids: Object.fromEntries(members.map((m) => [label(m.userId), m.userId])) } : {}),
  };
  return { ...served, payload };
}
