import { beforeAll, describe, expect, it, vi } from "vitest";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { submitJudgment } from "@/lib/judgments/submit-judgment";
import { createItems, judgmentInput } from "@/lib/assignment/test-fixtures";
import { apiRequest, routeContext, unique, userWithToken } from "@/test/api-fixtures";
import { listApiRoutes } from "@/test/api-routes";
import * as projects from "@/app/api/v1/projects/route";
import * as project from "@/app/api/v1/projects/[slug]/route";
import * as stats from "@/app/api/v1/projects/[slug]/stats/route";
import * as items from "@/app/api/v1/projects/[slug]/items/route";
import * as members from "@/app/api/v1/projects/[slug]/members/route";
import * as member from "@/app/api/v1/projects/[slug]/members/[userId]/route";
import * as next from "@/app/api/v1/projects/[slug]/next/route";
import * as judgments from "@/app/api/v1/projects/[slug]/judgments/route";
import * as judgment from "@/app/api/v1/projects/[slug]/judgments/[itemId]/route";
import * as mine from "@/app/api/v1/projects/[slug]/judgments/mine/route";
import * as skips from "@/app/api/v1/projects/[slug]/skips/route";
import * as exportRoute from "@/app/api/v1/projects/[slug]/export/route";
import * as openapi from "@/app/api/v1/openapi.json/route";
import * as agreement from "@/app/api/v1/projects/[slug]/agreement/route";
import * as quality from "@/app/api/v1/projects/[slug]/quality/route";
import * as leaderboard from "@/app/api/v1/projects/[slug]/leaderboard/route";
import * as bias from "@/app/api/v1/projects/[slug]/bias/route";
import * as sourceAgreement from "@/app/api/v1/projects/[slug]/source-agreement/route";
import * as judgmentImport from "@/app/api/v1/projects/[slug]/judgments/import/route";
import * as qualityStatus from "@/app/api/v1/projects/[slug]/members/[userId]/quality-status/route";

/**
 * Who gets which status from every /api/v1 route. The handlers run for real
 * (token lookup, loadActor, lib/permissions, the lib function, the database).
 *
 * The one mock: without an Authorization header, actorFromRequest falls back
 * to the session cookie through next-auth's getServerSession, which reads
 * next/headers and throws outside a live Next request. Mocking our own
 * getSessionUserId would not help (actorFromRequest calls it inside its
 * module, past the mock), so next-auth's getServerSession answers "no
 * session", which is exactly what a request without a cookie gets.
 */
vi.mock("next-auth", async (importOriginal) => ({ ...(await importOriginal<object>()), getServerSession: async () => null }));
// Likewise for routes that check the Origin of cookie (header-less) requests: a request from a script has none.
vi.mock("next/headers", async (importOriginal) => ({ ...(await importOriginal<object>()), headers: async () => new Headers() }));

const actors = ["anonymous", "bad_token", "annotator_member", "annotator_outsider", "lead_other", "lead", "admin"] as const;
type ActorKey = (typeof actors)[number];
type Expected = [anonymous: number, badToken: number, annotatorMember: number, annotatorOutsider: number, leadOther: number, lead: number, admin: number];

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Row = {
  route: string;
  handler: Handler;
  /** The path after /api/v1 and the route params, per actor (so writes by one actor never collide with another's). */
  path: (a: ActorKey) => string;
  params?: (a: ActorKey) => Record<string, string>;
  body?: (a: ActorKey) => unknown;
  contentType?: string;
  expect: Expected;
};

withTestDb();
const tokens = {} as Record<ActorKey, string | null>;
const ids = {} as Record<ActorKey, string>;
const removable = {} as Record<ActorKey, string>;
const SLUG = `matrix-${unique()}`;

beforeAll(async () => {
  const p = await db.project.create({ data: { slug: SLUG, name: "Matrix", status: "ACTIVE", overlap: 5 } });
  const other = await db.project.create({ data: { slug: `other-${unique()}`, name: "Other", status: "ACTIVE" } });
  const roles: Record<ActorKey, "ADMIN" | "LEAD" | "ANNOTATOR"> = {
    anonymous: "ANNOTATOR", bad_token: "ANNOTATOR", annotator_member: "ANNOTATOR", annotator_outsider: "ANNOTATOR",
    lead_other: "LEAD", lead: "LEAD", admin: "ADMIN",
  };
  for (const key of actors) {
    const user = await userWithToken(key, roles[key]);
    ids[key] = user.id;
    tokens[key] = key === "anonymous" ? null : key === "bad_token" ? "pw_not-a-real-token" : user.token;
  }
  await db.membership.createMany({
    data: [
      { userId: ids.annotator_member, projectId: p.id, role: "ANNOTATOR" },
      { userId: ids.lead, projectId: p.id, role: "LEAD" },
      { userId: ids.lead_other, projectId: other.id, role: "LEAD" },
    ],
  });
  await createItems(p.id, 10);
  for (const key of actors) {
    // Per actor: an item to judge now, one judged already, one to skip, and a member to remove.
    const made = await db.item.createManyAndReturn({
      data: ["new", "pre", "skip"].map((kind) => ({ projectId: p.id, externalId: `${kind}-${key}`, prompt: "P", promptText: "P", responseA: "A", responseB: "B" })),
      select: { id: true, externalId: true },
    });
    await db.assignment.createMany({ data: made.map((item) => ({ itemId: item.id, userId: ids[key], swapped: false, expiresAt: new Date(Date.now() + 3_600_000) })) });
    await submitJudgment({ userId: ids[key], project: p, input: judgmentInput(`pre-${key}`, -1) });
    const victim = await userWithToken(`member-of-${key}`);
    await db.membership.create({ data: { userId: victim.id, projectId: p.id } });
    removable[key] = victim.id;
  }
  // Targets for POST members: existing users who are not members yet.
  for (const key of actors) await db.user.create({ data: { email: `new-${key}-${SLUG}@example.com`, name: key } });
});

const slug = () => ({ slug: SLUG });
const judgmentBody = (itemId: string) => ({ item_id: itemId, preference: 1, client_id: `matrix-${unique()}${unique()}` });

//      anon bad  a-mem a-out l-oth lead admin
// A project the actor is no member of answers 404 like an unknown slug (issue 8, enumeration).
const rows: Row[] = [
  { route: "GET /projects", handler: projects.GET as Handler, path: () => "/projects", expect: [401, 401, 403, 403, 200, 200, 200] },
  { route: "POST /projects", handler: projects.POST as Handler, path: () => "/projects", body: (a) => ({ slug: `made-by-${a.replace(/_/g, "-")}-${unique()}`, name: "New" }), expect: [401, 401, 403, 403, 201, 201, 201] },
  { route: "GET /projects/{slug}", handler: project.GET as Handler, path: () => `/projects/${SLUG}`, params: slug, expect: [401, 401, 200, 404, 404, 200, 200] },
  { route: "PATCH /projects/{slug}", handler: project.PATCH as Handler, path: () => `/projects/${SLUG}`, params: slug, body: (a) => ({ description: `edited by ${a}` }), expect: [401, 401, 403, 404, 404, 200, 200] },
  { route: "GET /projects/{slug}/stats", handler: stats.GET as Handler, path: () => `/projects/${SLUG}/stats`, params: slug, expect: [401, 401, 403, 404, 404, 200, 200] },
  { route: "GET /projects/{slug}/items", handler: items.GET as Handler, path: () => `/projects/${SLUG}/items?limit=5`, params: slug, expect: [401, 401, 403, 404, 404, 200, 200] },
  {
    route: "POST /projects/{slug}/items", handler: items.POST as Handler, path: () => `/projects/${SLUG}/items`, params: slug, contentType: "application/x-ndjson",
    body: (a) => `{"id": "import-${a}", "prompt": "p", "response_a": "a", "response_b": "b"}\n`, expect: [401, 401, 403, 404, 404, 200, 200],
  },
  { route: "GET /projects/{slug}/members", handler: members.GET as Handler, path: () => `/projects/${SLUG}/members`, params: slug, expect: [401, 401, 403, 404, 404, 200, 200] },
  { route: "POST /projects/{slug}/members", handler: members.POST as Handler, path: () => `/projects/${SLUG}/members`, params: slug, body: (a) => ({ email: `new-${a}-${SLUG}@example.com`, role: "annotator" }), expect: [401, 401, 403, 404, 404, 403, 201] },
  { route: "POST /projects/{slug}/members/{userId}/quality-status", handler: qualityStatus.POST as Handler, path: (a) => `/projects/${SLUG}/members/${removable[a]}/quality-status`, params: (a) => ({ slug: SLUG, userId: removable[a] }), body: () => ({ action: "pause" }), expect: [401, 401, 403, 404, 404, 200, 200] },
  { route: "DELETE /projects/{slug}/members/{userId}", handler: member.DELETE as Handler, path: (a) => `/projects/${SLUG}/members/${removable[a]}`, params: (a) => ({ slug: SLUG, userId: removable[a] }), expect: [401, 401, 403, 404, 404, 200, 200] },
  { route: "GET /projects/{slug}/next", handler: next.GET as Handler, path: () => `/projects/${SLUG}/next`, params: slug, expect: [401, 401, 200, 404, 404, 200, 200] },
  { route: "POST /projects/{slug}/judgments", handler: judgments.POST as Handler, path: () => `/projects/${SLUG}/judgments`, params: slug, body: (a) => judgmentBody(`new-${a}`), expect: [401, 401, 201, 404, 404, 201, 201] },
  { route: "GET /projects/{slug}/judgments/mine", handler: mine.GET as Handler, path: () => `/projects/${SLUG}/judgments/mine`, params: slug, expect: [401, 401, 200, 404, 404, 200, 200] },
  { route: "GET /projects/{slug}/judgments/{itemId}", handler: judgment.GET as Handler, path: (a) => `/projects/${SLUG}/judgments/pre-${a}`, params: (a) => ({ slug: SLUG, itemId: `pre-${a}` }), expect: [401, 401, 200, 404, 404, 200, 200] },
  { route: "PATCH /projects/{slug}/judgments/{itemId}", handler: judgment.PATCH as Handler, path: (a) => `/projects/${SLUG}/judgments/pre-${a}`, params: (a) => ({ slug: SLUG, itemId: `pre-${a}` }), body: (a) => judgmentBody(`pre-${a}`), expect: [401, 401, 200, 404, 404, 200, 200] },
  { route: "GET /projects/{slug}/skips", handler: skips.GET as Handler, path: () => `/projects/${SLUG}/skips`, params: slug, expect: [401, 401, 403, 404, 404, 200, 200] },
  { route: "POST /projects/{slug}/skips", handler: skips.POST as Handler, path: () => `/projects/${SLUG}/skips`, params: slug, body: (a) => ({ item_id: `skip-${a}`, reason: "unreadable" }), expect: [401, 401, 201, 404, 404, 201, 201] },
  { route: "GET /projects/{slug}/export", handler: exportRoute.GET as Handler, path: () => `/projects/${SLUG}/export?format=raw`, params: slug, expect: [401, 401, 403, 404, 404, 200, 200] },
  { route: "GET /projects/{slug}/export?identities=true", handler: exportRoute.GET as Handler, path: () => `/projects/${SLUG}/export?format=raw&identities=true`, params: slug, expect: [401, 401, 403, 404, 404, 403, 200] },
  {
    route: "POST /projects/{slug}/judgments/import", handler: judgmentImport.POST as Handler, path: () => `/projects/${SLUG}/judgments/import`, params: slug, contentType: "application/x-ndjson",
    body: (a) => `{"item_id": "q-001", "annotator": "outside-${a}", "preference": 1}\n`, expect: [401, 401, 403, 404, 404, 200, 200],
  },
  { route: "GET /projects/{slug}/agreement", handler: agreement.GET as Handler, path: () => `/projects/${SLUG}/agreement`, params: slug, expect: [401, 401, 403, 404, 404, 200, 200] },
  { route: "GET /projects/{slug}/agreement?identities=true", handler: agreement.GET as Handler, path: () => `/projects/${SLUG}/agreement?identities=true`, params: slug, expect: [401, 401, 403, 404, 404, 403, 200] },
  { route: "GET /projects/{slug}/quality", handler: quality.GET as Handler, path: () => `/projects/${SLUG}/quality`, params: slug, expect: [401, 401, 403, 404, 404, 200, 200] },
  { route: "GET /projects/{slug}/quality?identities=true", handler: quality.GET as Handler, path: () => `/projects/${SLUG}/quality?identities=true`, params: slug, expect: [401, 401, 403, 404, 404, 403, 200] },
  { route: "GET /projects/{slug}/leaderboard", handler: leaderboard.GET as Handler, path: () => `/projects/${SLUG}/leaderboard?bootstrap=0`, params: slug, expect: [401, 401, 403, 404, 404, 200, 200] },
  { route: "GET /projects/{slug}/bias", handler: bias.GET as Handler, path: () => `/projects/${SLUG}/bias`, params: slug, expect: [401, 401, 403, 404, 404, 200, 200] },
  { route: "GET /projects/{slug}/leaderboard?style_control=1", handler: leaderboard.GET as Handler, path: () => `/projects/${SLUG}/leaderboard?bootstrap=0&style_control=1`, params: slug, expect: [401, 401, 403, 404, 404, 200, 200] },
  { route: "GET /projects/{slug}/source-agreement", handler: sourceAgreement.GET as Handler, path: () => `/projects/${SLUG}/source-agreement`, params: slug, expect: [401, 401, 403, 404, 404, 200, 200] },
  { route: "GET /openapi.json", handler: openapi.GET as Handler, path: () => "/openapi.json", expect: [200, 200, 200, 200, 200, 200, 200] },
];

async function statusFor(row: Row, actor: ActorKey): Promise<number> {
  const request = apiRequest(row.path(actor), {
    method: row.route.split(" ")[0],
    token: tokens[actor],
    body: row.body?.(actor),
    contentType: row.contentType,
  });
  const response = await row.handler(request, routeContext(row.params?.(actor) ?? {}));
  await response.text(); // drain streamed bodies (exports) so their queries finish
  return response.status;
}

describe("REST authorization matrix", () => {
  it.each(rows.map((row) => [row.route, row] as const))("%s", async (_route, row) => {
    const actual: Record<string, number> = {};
    const expected: Record<string, number> = {};
    for (const [i, actor] of actors.entries()) {
      actual[actor] = await statusFor(row, actor);
      expected[actor] = row.expect[i]!;
    }
    expect(actual).toEqual(expected);
  });

  it("an unknown project is a 404 with the JSON error body", async () => {
    const missing = { slug: "no-such-project" };
    const response = await project.GET(apiRequest("/projects/no-such-project", { token: tokens.admin }), routeContext(missing));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: "not_found", message: 'No project "no-such-project".' } });
  });

  it("covers every method of every route.ts under app/api/v1", async () => {
    const covered = new Set(rows.map((row) => row.route.split("?")[0]));
    expect((await listApiRoutes()).filter((route) => !covered.has(route))).toEqual([]);
  });
});
