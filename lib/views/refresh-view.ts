import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { db } from "@/lib/db";
import { getProjectForActor, type Actor } from "@/lib/permissions";
import type { StoredViewKey } from "@/lib/validations/stored-view";
import { STORED_VIEWS } from "./registry";
import { DEFAULT_VIEW_POLICY, markViewsDirty, scheduleRecompute, type ViewParams } from "./stored-view";

/**
 * A lead's "Refresh": marks the project's stored results of one view dirty
 * and recomputes each (every params it is stored with) in the background,
 * waiting up to `waitMs` for them so a small project's page comes back fresh.
 * Leads of the project and admins only (annotators 403, others 404).
 */
export async function refreshProjectView(options: { actor: Actor; slug: string; view: StoredViewKey; waitMs?: number }): Promise<{ recomputing: number; done: boolean }> {
  const project = await getProjectForActor({ actor: options.actor, slug: options.slug, access: "lead" });
  const view = STORED_VIEWS[options.view];
  await markViewsDirty(project.id, view.key);
  const rows = await db.storedView.findMany({ where: { projectId: project.id, viewKey: view.key }, select: { params: true } });
  const jobs = rows.map((row) => scheduleRecompute(view, project.id, row.params as ViewParams, DEFAULT_VIEW_POLICY, new Date()));
  const all = Promise.all(jobs).then(() => true);
  const done = await Promise.race([all, sleep(options.waitMs ?? 5_000).then(() => false)]);
  return { recomputing: rows.length, done };
}
