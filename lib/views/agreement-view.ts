import "server-only";
import { getProjectAgreement, type ProjectAgreement } from "@/lib/agreement/project-agreement";
import type { IdentityScope } from "@/lib/permissions";
import { serveView, type ServedView, type ViewDefinition } from "./stored-view";
import { narrowIdentities } from "./narrow-identities";

/**
 * The agreement page's figures over every judgment (the disputed items and
 * the per-annotator table read each one), stored with every name; narrowed to
 * the reader's identity scope when served.
 */
export const agreementView: ViewDefinition<{ intervals: boolean; disputed: number }, ProjectAgreement> = {
  key: "agreement",
  compute: (projectId, params, signal) => getProjectAgreement({ projectId, identityScope: "all", intervals: params.intervals, disputedLimit: params.disputed, signal }),
};

/** The agreement page's length of the disputed list (and the REST default). */
export const DEFAULT_DISPUTED = 20;

/** @internal caller has checked access */
export async function serveAgreement(options: { projectId: string; identityScope: IdentityScope; intervals: boolean; disputed?: number }): Promise<ServedView<ProjectAgreement>> {
  const params = { intervals: options.intervals, disputed: options.disputed ?? DEFAULT_DISPUTED };
  const served = await serveView(agreementView, { projectId: options.projectId, params });
  if (!served.payload) return served;
  return { ...served, payload: { ...served.payload, identities: await narrowIdentities(options.projectId, served.payload.identities, options.identityScope) } };
}
