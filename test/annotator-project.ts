import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { apiRequest, routeContext, unique, userWithToken } from "./api-fixtures";

export type Route = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
export type RouteCall = { method?: string; body?: unknown; params?: Record<string, string> };

/**
 * For tests of the annotation routes called directly: an ACTIVE project
 * (`<slugPrefix>-<random>`) whose one annotator holds a bearer token, with
 * these items made one by one in this order (the lease serves the oldest
 * first). `call` sends that annotator's request to a route.ts export and
 * returns the status and the JSON body (null for a 204).
 */
export async function seedAnnotatorProject({
  annotatorName,
  slugPrefix,
  project,
  items,
}: {
  annotatorName: string;
  slugPrefix: string;
  project: Partial<Prisma.ProjectCreateInput> & { name: string };
  items: Omit<Prisma.ItemUncheckedCreateInput, "projectId">[];
}) {
  const annotator = await userWithToken(annotatorName);
  const slug = `${slugPrefix}-${unique()}`;
  const created = await db.project.create({ data: { slug, status: "ACTIVE", ...project } });
  await db.membership.create({ data: { userId: annotator.id, projectId: created.id, role: "ANNOTATOR" } });
  for (const item of items) await db.item.create({ data: { ...item, projectId: created.id } });

  async function call(route: Route, path: string, options: RouteCall = {}): Promise<{ status: number; body: unknown }> {
    const response = await route(apiRequest(`/projects/${slug}${path}`, { token: annotator.token, method: options.method, body: options.body }), routeContext({ slug, ...options.params }));
    return { status: response.status, body: response.status === 204 ? null : ((await response.json()) as unknown) };
  }
  return { annotator, slug, call };
}
