import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { routeContext, unique, userWithToken } from "@/test/api-fixtures";
import * as projects from "@/app/api/v1/projects/route";
import * as items from "@/app/api/v1/projects/[slug]/items/route";
import * as members from "@/app/api/v1/projects/[slug]/members/route";
import * as member from "@/app/api/v1/projects/[slug]/members/[userId]/route";
import * as project from "@/app/api/v1/projects/[slug]/route";

/**
 * CSRF on the REST API: a page on another origin (another port of the same
 * host included) must not make changes with the victim's session cookie,
 * whatever body type it picks; the app's own pages and bearer tokens still can.
 * The session is what next-auth's getServerSession answers for the cookie.
 */
const session = { current: null as null | { user: { id: string } } };
vi.mock("next-auth", async (importOriginal) => ({ ...(await importOriginal<object>()), getServerSession: async () => session.current }));

withTestDb();
let lead: Awaited<ReturnType<typeof userWithToken>>;
let victimOf: Awaited<ReturnType<typeof userWithToken>>;
let slug: string;

beforeAll(async () => {
  lead = await userWithToken("csrf-lead", "LEAD");
  victimOf = await userWithToken("csrf-outsider", "ANNOTATOR");
  slug = `csrf-${unique()}`;
  const p = await db.project.create({ data: { slug, name: "CSRF", status: "ACTIVE" } });
  await db.membership.create({ data: { userId: lead.id, projectId: p.id, role: "LEAD" } });
});
beforeEach(() => {
  session.current = { user: { id: lead.id } };
});

const ITEM = JSON.stringify({ id: "x-1", prompt: "p", response_a: "a", response_b: "b" });

function call(path: string, init: { method: string; headers?: Record<string, string>; body?: string }) {
  return new Request(`http://localhost/api/v1${path}`, { method: init.method, headers: init.headers, body: init.body });
}

const hostile: [string, Record<string, string>][] = [
  ["another port of the same host, text/plain", { Origin: "http://localhost:3999", "Content-Type": "text/plain" }],
  ["another site, as a form", { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" }],
  ["a same-site page on another port (fetch metadata)", { "Sec-Fetch-Site": "same-site", Origin: "http://localhost", "Content-Type": "application/json" }],
  ["a cross-site page claiming JSON", { "Sec-Fetch-Site": "cross-site", "Content-Type": "application/json" }],
  ["Origin: null (sandboxed frame)", { Origin: "null", "Content-Type": "text/plain" }],
  ["no Origin and no fetch metadata", { "Content-Type": "application/json" }],
];

describe("cookie-authenticated writes from elsewhere are refused and change nothing", () => {
  it.each(hostile)("item import from %s", async (_, headers) => {
    const response = await items.POST(call(`/projects/${slug}/items`, { method: "POST", headers, body: ITEM }), routeContext({ slug }));
    expect(response.status).toBe(403);
    expect(await db.item.count({ where: { project: { slug } } })).toBe(0);
  });

  it.each(hostile)("adding a member from %s", async (_, headers) => {
    const body = JSON.stringify({ email: victimOf.email, role: "LEAD" });
    const response = await members.POST(call(`/projects/${slug}/members`, { method: "POST", headers, body }), routeContext({ slug }));
    expect(response.status).toBe(403);
    expect(await db.membership.count({ where: { userId: victimOf.id } })).toBe(0);
  });

  it.each(hostile)("creating a project from %s", async (_, headers) => {
    const newSlug = `csrf-new-${unique()}`;
    const body = JSON.stringify({ slug: newSlug, name: "Planted" });
    const response = await projects.POST(call("/projects", { method: "POST", headers, body }), { params: Promise.resolve({}) });
    expect(response.status).toBe(403);
    expect(await db.project.count({ where: { slug: newSlug } })).toBe(0);
  });

  it("a settings change and a member removal without our Origin", async () => {
    const patch = await project.PATCH(
      call(`/projects/${slug}`, { method: "PATCH", headers: { Origin: "http://localhost:3999", "Content-Type": "application/json" }, body: JSON.stringify({ name: "Owned" }) }),
      routeContext({ slug }),
    );
    expect(patch.status).toBe(403);
    const removal = await member.DELETE(call(`/projects/${slug}/members/${lead.id}`, { method: "DELETE", headers: { "Sec-Fetch-Site": "same-site" } }), routeContext({ slug, userId: lead.id }));
    expect(removal.status).toBe(403);
    expect(await db.project.findUniqueOrThrow({ where: { slug }, select: { name: true } })).toEqual({ name: "CSRF" });
    expect(await db.membership.count({ where: { userId: lead.id } })).toBe(1);
  });
});

describe("the app's own pages and API clients still work", () => {
  it("our own origin with a body type a form cannot send is a 400 for the wrong type", async () => {
    const response = await items.POST(
      call(`/projects/${slug}/items`, { method: "POST", headers: { "Sec-Fetch-Site": "same-origin", "Content-Type": "text/plain" }, body: ITEM }),
      routeContext({ slug }),
    );
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(/application\/json/);
  });

  it("our own page (fetch metadata, or Origin where a browser sends no metadata) imports and adds members", async () => {
    const imported = await items.POST(
      call(`/projects/${slug}/items`, { method: "POST", headers: { "Sec-Fetch-Site": "same-origin", Origin: "http://localhost", "Content-Type": "application/x-ndjson" }, body: ITEM }),
      routeContext({ slug }),
    );
    expect(imported.status).toBe(200);
    // Adding an account by email is an admin's (a lead invites).
    session.current = { user: { id: (await userWithToken("csrf-admin", "ADMIN")).id } };
    const added = await members.POST(
      call(`/projects/${slug}/members`, { method: "POST", headers: { Origin: "http://localhost", "Content-Type": "application/json" }, body: JSON.stringify({ email: victimOf.email, role: "ANNOTATOR" }) }),
      routeContext({ slug }),
    );
    expect(added.status).toBe(201);
  });

  it("a bearer token needs no Origin and is not refused for its body type", async () => {
    session.current = null;
    const newSlug = `csrf-token-${unique()}`;
    const response = await projects.POST(
      call("/projects", { method: "POST", headers: { Authorization: `Bearer ${lead.token}`, "Content-Type": "text/plain" }, body: JSON.stringify({ slug: newSlug, name: "By token" }) }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(201);
  });

  it("reads with the cookie are not writes: a GET from anywhere is answered (CORS keeps the body from other origins)", async () => {
    const response = await project.GET(call(`/projects/${slug}`, { method: "GET", headers: { "Sec-Fetch-Site": "cross-site" } }), routeContext({ slug }));
    expect(response.status).toBe(200);
  });

  it("without a session a write is a 401 before any origin check", async () => {
    session.current = null;
    const response = await items.POST(call(`/projects/${slug}/items`, { method: "POST", headers: { Origin: "https://evil.example" }, body: ITEM }), routeContext({ slug }));
    expect(response.status).toBe(401);
  });
});
