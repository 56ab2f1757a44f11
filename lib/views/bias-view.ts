import "server-only";
import { getProjectBias, type ProjectBias } from "@/lib/bias/project-bias";
import { serveView, type ServedView, type ViewDefinition } from "./stored-view";

/** Position, length and formatting bias: reads every judged item's responses. Pseudonyms only. */
export const biasView: ViewDefinition<Record<string, never>, ProjectBias> = {
  key: "bias",
  compute: (projectId, _params, signal) => getProjectBias({ projectId, signal }),
};

/** @internal caller has checked access */
export function serveBias(options: { projectId: string }): Promise<ServedView<ProjectBias>> {
  return serveView(biasView, { projectId: options.projectId, params: {} });
}
