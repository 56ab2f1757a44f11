import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { createItems } from "@/lib/assignment/test-fixtures";
import { apiRequest, routeContext, unique, userWithToken } from "@/test/api-fixtures";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { readEnv, resolveAuthSecret } from "@/lib/env";
import { buildContentSecurityPolicy, config as proxyConfig, proxy } from "@/proxy";
import * as next from "@/app/api/v1/projects/[slug]/next/route";
import * as exportRoute from "@/app/api/v1/projects/[slug]/export/route";

/**
 * Security rules that unit-level tests can hold (the browser-level ones are in
 * e2e/security.spec.ts): the page CSP and headers, same-origin server actions,
 * revocation of sessions, roles and tokens at the very next request, and the
 * start-up check of secrets.
 */
const requestHeaders = { current: new Headers() };
const session = { current: null as null | { user: { id: string } } };
vi.mock("next/headers", async (importOriginal) => ({ ...(await importOriginal<object>()), headers: async () => requestHeaders.current }));
vi.mock("next-auth", async (importOriginal) => ({ ...(await importOriginal<object>()), getServerSession: async () => session.current }));
// The token action refreshes its page's cache afterwards, which needs a live Next request.
vi.mock("next/cache", async (importOriginal) => ({ ...(await importOriginal<object>()), revalidatePath: () => undefined }));

withTestDb();
beforeEach(() => {
  requestHeaders.current = new Headers();
  session.current = null;
});

describe("Content-Security-Policy (proxy.ts)", () => {
  const directives = (policy: string) => new Map(policy.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

  it("gives every page a fresh nonce, no inline script, no framing, and tells Next the nonce", async () => {
    const first = proxy(new NextRequest("http://localhost:3000/projects/demo"));
    const second = proxy(new NextRequest("http://localhost:3000/login"));
    const policy = first.headers.get("content-security-policy")!;
    const csp = directives(policy);
    const script = csp.get("script-src")!;
    expect(script).toContain("'strict-dynamic'");
    expect(script.find((v) => v.startsWith("'nonce-"))).toMatch(/^'nonce-[A-Za-z0-9+/=]{20,}'$/);
    expect(script).not.toContain("'unsafe-inline'");
    expect(script).not.toContain("'unsafe-eval'");
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("default-src")).toEqual(["'self'"]);
    // Next finds the nonce in the request's CSP header (forwarded as an overridden request header).
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
    expect(second.headers.get("content-security-policy")).not.toBe(policy);
  });

  it("adds 'unsafe-eval' only in development and upgrade-insecure-requests only over https", () => {
    expect(buildContentSecurityPolicy("n", { dev: true })).toContain("'unsafe-eval'");
    expect(buildContentSecurityPolicy("n")).not.toContain("upgrade-insecure-requests");
    expect(buildContentSecurityPolicy("n", { https: true })).toContain("upgrade-insecure-requests");
    const behindTls = proxy(new NextRequest("http://app.internal/login", { headers: { "x-forwarded-proto": "https" } }));
    expect(behindTls.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });

  it("runs on pages, not on the API or static files", () => {
    const source = new RegExp(`^${proxyConfig.matcher[0]!.source}$`);
    for (const page of ["/", "/login", "/projects/demo", "/admin/projects/x/settings", "/join/abc"]) expect(source.test(page), page).toBe(true);
    for (const other of ["/api/v1/projects/x/next", "/api/auth/csrf", "/_next/static/chunks/a.js", "/favicon.ico"]) expect(source.test(other), other).toBe(false);
  });

  it("sets the static headers on every response and a render-nothing policy on the API (next.config.js)", async () => {
    type Config = { headers: () => Promise<{ source: string; headers: { key: string; value: string }[] }[]> };
    const loaded = (await import(path.resolve(__dirname, "../next.config.js"))) as { default?: Config } & Config;
    const config = loaded.default ?? loaded;
    const rules = await config.headers();
    const all = Object.fromEntries(rules.find((r) => r.source === "/:path*")!.headers.map((h) => [h.key, h.value]));
    expect(all).toMatchObject({ "X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin", "X-Frame-Options": "DENY" });
    expect(all["Permissions-Policy"]).toContain("camera=()");
    const api = rules.find((r) => r.source === "/api/:path*")!.headers;
    expect(api).toEqual([{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }]);
  });
});

describe("server actions refuse cross-origin posts (lib/http/same-origin.ts, safeAction)", () => {
  it("lets same-origin and origin-less requests through", async () => {
    requestHeaders.current = new Headers({ host: "pairwise.example.org", origin: "https://pairwise.example.org" });
    await expect(assertSameOrigin()).resolves.toBeUndefined();
    requestHeaders.current = new Headers({ host: "internal:3000", "x-forwarded-host": "pairwise.example.org", origin: "https://pairwise.example.org" });
    await expect(assertSameOrigin()).resolves.toBeUndefined();
    requestHeaders.current = new Headers({ host: "pairwise.example.org" });
    await expect(assertSameOrigin()).resolves.toBeUndefined();
  });

  it.each([
    ["another site", "https://evil.example", "Cross-origin requests are refused."],
    ["a look-alike host", "https://pairwise.example.org.evil.example", "Cross-origin requests are refused."],
    ["another port", "https://pairwise.example.org:8443", "Cross-origin requests are refused."],
    ["an opaque origin", "null", "Bad Origin header."],
  ])("refuses %s", async (_name, origin, message) => {
    requestHeaders.current = new Headers({ host: "pairwise.example.org", origin });
    await expect(assertSameOrigin()).rejects.toMatchObject({ code: "forbidden", message });
  });

  it("a cross-origin call of a real action (create an API token) is refused before it runs", async () => {
    const user = await db.user.create({ data: { email: `csrf-${unique()}@example.com`, name: "Victim" } });
    session.current = { user: { id: user.id } };
    const { createTokenAction } = await import("@/app/(annotate)/tokens/actions");
    requestHeaders.current = new Headers({ host: "pairwise.example.org", origin: "https://evil.example" });
    expect(await createTokenAction({ name: "forged" })).toEqual({ ok: false, code: "forbidden", error: "Cross-origin requests are refused." });
    expect(await db.apiToken.count({ where: { userId: user.id } })).toBe(0);
    requestHeaders.current = new Headers({ host: "pairwise.example.org", origin: "https://pairwise.example.org" });
    expect(await createTokenAction({ name: "mine" })).toMatchObject({ ok: true });
    expect(await db.apiToken.count({ where: { userId: user.id } })).toBe(1);
  });
});

describe("revocation takes effect at the next request", () => {
  async function setup() {
    const slug = `revoke-${unique()}`;
    const project = await db.project.create({ data: { slug, name: "Revocation", status: "ACTIVE" } });
    await createItems(project.id, 5);
    const annotator = await userWithToken("revoked-annotator");
    const lead = await userWithToken("revoked-lead", "LEAD");
    await db.membership.createMany({ data: [{ userId: annotator.id, projectId: project.id }, { userId: lead.id, projectId: project.id, role: "LEAD" }] });
    const nextStatus = async (token?: string) => (await next.GET(apiRequest(`/projects/${slug}/next`, { token }), routeContext({ slug }))).status;
    const exportStatus = async (token: string) => {
      const response = await exportRoute.GET(apiRequest(`/projects/${slug}/export?format=raw`, { token }), routeContext({ slug }));
      await response.text();
      return response.status;
    };
    return { slug, project, annotator, lead, nextStatus, exportStatus };
  }

  it("a disabled user's session cookie is refused at once", async () => {
    const { annotator, nextStatus } = await setup();
    session.current = { user: { id: annotator.id } };
    expect(await nextStatus()).toBe(200);
    await db.user.update({ where: { id: annotator.id }, data: { disabled: true } });
    expect(await nextStatus()).toBe(401);
    await db.user.update({ where: { id: annotator.id }, data: { disabled: false } });
    expect(await nextStatus()).toBe(200);
  });

  it("a deleted user's still-valid JWT is refused", async () => {
    const { annotator, nextStatus } = await setup();
    session.current = { user: { id: annotator.id } };
    expect(await nextStatus()).toBe(200);
    await db.user.delete({ where: { id: annotator.id } });
    const response = await next.GET(apiRequest("/projects/x/next"), routeContext({ slug: "x" }));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: "unauthorized", message: "This account is disabled or no longer exists." } });
  });

  it("a revoked API token is refused at its next use, and so is the token of a disabled user", async () => {
    const { annotator, lead, nextStatus } = await setup();
    expect(await nextStatus(annotator.token)).toBe(200);
    await db.apiToken.updateMany({ where: { userId: annotator.id }, data: { revokedAt: new Date() } });
    const refused = await next.GET(apiRequest("/projects/x/next", { token: annotator.token }), routeContext({ slug: "x" }));
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: { code: "unauthorized", message: "This API token is unknown or revoked." } });
    expect(await nextStatus(lead.token)).toBe(200);
    await db.user.update({ where: { id: lead.id }, data: { disabled: true } });
    expect(await nextStatus(lead.token)).toBe(401);
  });

  it("a removed membership or a demoted lead loses access at the next request", async () => {
    const { project, annotator, lead, nextStatus, exportStatus } = await setup();
    expect(await exportStatus(lead.token)).toBe(200);
    await db.membership.update({ where: { userId_projectId: { userId: lead.id, projectId: project.id } }, data: { role: "ANNOTATOR" } });
    expect(await exportStatus(lead.token)).toBe(403);
    await db.membership.delete({ where: { userId_projectId: { userId: annotator.id, projectId: project.id } } });
    expect(await nextStatus(annotator.token)).toBe(404);
  });
});

describe("secrets and settings are checked at start (lib/env.ts)", () => {
  const base = { NODE_ENV: "production" } as NodeJS.ProcessEnv;

  it.each([
    ["a short NEXTAUTH_SECRET", { NEXTAUTH_SECRET: "short" }, /NEXTAUTH_SECRET: NEXTAUTH_SECRET must be at least 32 characters \(try: openssl rand -base64 32\)/],
    ["a NEXTAUTH_URL that is not a URL", { NEXTAUTH_URL: "pairwise.example.org" }, /NEXTAUTH_URL: NEXTAUTH_URL must be a full URL such as https:\/\/pairwise.example.org/],
    ["a PORT that is not a number", { PORT: "eighty" }, /PORT/],
    ["a PORT out of range", { PORT: "70000" }, /PORT: PORT must be a port number/],
    ["a DATABASE_URL of another database", { DATABASE_URL: "mysql://root@localhost/pw" }, /DATABASE_URL must start with postgres:\/\/, postgresql:\/\/ or pglite:/],
    ["an empty pglite: DATABASE_URL", { DATABASE_URL: "pglite:" }, /DATABASE_URL=pglite: needs a directory/],
  ])("names the variable and the fix for %s", (_name, env, message) => {
    expect(() => readEnv({ ...base, ...env })).toThrow(message);
  });

  it("stops a production start on PostgreSQL without NEXTAUTH_SECRET, saying what to set", () => {
    const env = readEnv({ ...base, DATABASE_URL: "postgresql://root@127.0.0.1:5432/pw" });
    expect(() => resolveAuthSecret(env)).toThrow(
      "NEXTAUTH_SECRET is not set. On PostgreSQL every server must share one secret: set NEXTAUTH_SECRET to a random string of at least 32 characters (openssl rand -base64 32).",
    );
    const secret = "s".repeat(40);
    expect(resolveAuthSecret(readEnv({ ...base, DATABASE_URL: "postgresql://root@127.0.0.1:5432/pw", NEXTAUTH_SECRET: secret }))).toBe(secret);
  });

  it("on the embedded database, generates a secret once, keeps it private in the data folder, and reuses it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pw-secret-"));
    try {
      const env = readEnv({ ...base, DATABASE_URL: `pglite:${path.join(dir, "pglite")}` });
      const first = resolveAuthSecret(env);
      expect(first.length).toBeGreaterThanOrEqual(32);
      expect(resolveAuthSecret(env)).toBe(first);
      const file = path.join(dir, "nextauth-secret");
      expect(fs.readFileSync(file, "utf8")).toBe(first);
      expect(fs.statSync(file).mode & 0o077).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
