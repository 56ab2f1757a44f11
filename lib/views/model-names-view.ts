import "server-only";
import { listModelNames } from "@/lib/items/list-model-names";
import { serveView, type ViewDefinition } from "./stored-view";

/** The items' model names (a DISTINCT over every item), for the items table's filter; item imports mark it dirty. */
export const modelNamesView: ViewDefinition<Record<string, never>, string[]> = {
  key: "model-names",
  compute: (projectId) => listModelNames({ projectId, limit: 1000 }),
};

/** @internal caller has checked access */
export async function serveModelNames(options: { projectId: string; limit?: number }): Promise<string[]> {
  const served = await serveView(modelNamesView, { projectId: options.projectId, params: {}, policy: { firstWaitMs: 3_000 } });
  return (served.payload ?? []).slice(0, options.limit ?? 200);
}
