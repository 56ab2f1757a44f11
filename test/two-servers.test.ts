import { randomBytes, randomInt } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, createPrismaClient, db, setDatabaseForTests } from "@/lib/db";
import { poolDriver } from "@/lib/db/prepared";
import { postgresAdapter, postgresPool } from "@/lib/db/adapters";
import { migrateDatabase } from "@/lib/db/migrate";
import { hashPassword } from "@/lib/auth/password";
import { createItems } from "@/lib/assignment/test-fixtures";
import { userWithToken } from "@/test/api-fixtures";
import { ensureBuilt, killGroup, startServer, tryConnect, type Server } from "@/test/start-server";

/**
 * Issue 13 items 3 and 4: several servers on one PostgreSQL database. Two
 * `npm start` servers (scripts/start.ts) run on the production build against
 * one new database: A with two server processes (node:cluster), B with one.
 * Twenty annotators work through a project sending each request to the other
 * server than the last; a retried submit goes to the other server; the
 * sign-in throttle and the export slots hold across servers; and A, sent
 * SIGTERM during an export, refuses new connections, finishes the export and
 * exits 0. PostgreSQL only: PGlite is one process's database. Builds the app
 * first if there is no build (scripts/test.ts builds before Vitest).
 */
const describePg = describe.skipIf(!process.env.TEST_DATABASE_URL);

describePg("two servers (three processes) on one PostgreSQL database", () => {
  const base = process.env.TEST_DATABASE_URL ? new URL(process.env.TEST_DATABASE_URL) : null;
  const dbName = `pw_two_${randomBytes(4).toString("hex")}`;
  const secret = randomBytes(32).toString("base64url");
  let admin: pg.Client;
  let a: Server | undefined;
  let b: Server | undefined;
  const slug = `two-${randomBytes(3).toString("hex")}`;
  let projectId = "";
  let annotators: { id: string; token: string }[] = [];
  let lead: { id: string; token: string };
  const signIn = { email: `signin-${randomBytes(3).toString("hex")}@example.com`, password: "right-password-123" };

  beforeAll(async () => {
    ensureBuilt();
    admin = new pg.Client({ connectionString: base!.toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    const url = new URL(base!.toString());
    url.pathname = `/${dbName}`;
    const databaseUrl = url.toString();
    await migrateDatabase({ kind: "postgres", url: databaseUrl });
    const pool = postgresPool(databaseUrl);
    setDatabaseForTests(createPrismaClient(postgresAdapter(pool)), "postgres", poolDriver(pool));

    const project = await db.project.create({ data: { slug, name: "Two servers", status: "ACTIVE", overlap: 3, scale: 3 } });
    projectId = project.id;
    await createItems(project.id, 30);
    annotators = await Promise.all(Array.from({ length: 20 }, (_, i) => userWithToken(`annotator-${i}`)));
    lead = await userWithToken("lead", "LEAD");
    await db.membership.createMany({ data: [...annotators.map((user) => ({ userId: user.id, projectId })), { userId: lead.id, projectId, role: "LEAD" as const }] });
    await db.user.create({ data: { email: signIn.email, name: "Sign-in", passwordHash: await hashPassword(signIn.password) } });

    // Both start together: one migration run each under PostgreSQL's advisory lock, and no demo seed (the database has users).
    [a, b] = await Promise.all([
      startServer("A", databaseUrl, secret, { WEB_CONCURRENCY: "2", PW_SHUTDOWN_GRACE_MS: "20000" }),
      startServer("B", databaseUrl, secret, { WEB_CONCURRENCY: "1" }),
    ]);
  }, 600_000);

  afterAll(async () => {
    for (const server of [a, b]) {
      if (!server) continue;
      killGroup(server, "SIGTERM");
      const done = await Promise.race([server.exited.then(() => true), sleep(10_000).then(() => false)]);
      if (!done) killGroup(server, "SIGKILL");
    }
    await closeDb();
    if (admin) {
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    }
  }, 60_000);

  const api = (server: Server, token: string, route: string, init: RequestInit = {}) =>
    fetch(`${server.url}/api/v1/projects/${slug}${route}`, { ...init, headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...init.headers } });

  it("A runs two server processes, B one", () => {
    expect(a!.log.join("\n")).toContain("Starting 2 server processes");
    expect(b!.log.join("\n")).toContain("Starting 1 server process on");
  });

  it("20 annotators alternating servers end with exactly 3 judgments per item; a retry on the other server is idempotent", async () => {
    const servers = [a!, b!];
    const failures: string[] = [];
    await Promise.all(
      annotators.map(async (annotator, index) => {
        let turn = index;
        for (;;) {
          const next = await api(servers[turn++ % 2]!, annotator.token, "/next");
          if (next.status === 204) return;
          if (next.status !== 200) return void failures.push(`next ${next.status} ${await next.text()}`);
          const item = (await next.json()) as { item_id: string };
          const body = JSON.stringify({ item_id: item.item_id, preference: randomInt(-3, 4), client_id: `c-${randomBytes(8).toString("hex")}`, duration_ms: 900 });
          const stored = await api(servers[turn++ % 2]!, annotator.token, "/judgments", { method: "POST", body });
          if (stored.status !== 201) return void failures.push(`submit ${stored.status} ${await stored.text()}`);
          const retried = await api(servers[turn++ % 2]!, annotator.token, "/judgments", { method: "POST", body });
          const [first, again] = [await stored.json(), retried.status === 200 ? await retried.json() : await retried.text()];
          if (retried.status !== 200 || JSON.stringify(again) !== JSON.stringify(first)) failures.push(`retry ${retried.status} ${JSON.stringify(again)} vs ${JSON.stringify(first)}`);
        }
      }),
    );
    expect(failures).toEqual([]);
    const items = await db.item.findMany({ where: { projectId }, select: { id: true, judgmentCount: true, activeLeases: true } });
    const judgments = await db.judgment.groupBy({ by: ["itemId"], where: { item: { projectId } }, _count: { _all: true } });
    expect(judgments).toHaveLength(30);
    expect(judgments.every((row) => row._count._all === 3)).toBe(true);
    expect(items.every((item) => item.judgmentCount === 3 && item.activeLeases === 0)).toBe(true);
    expect(await db.assignment.count({ where: { item: { projectId }, open: true } })).toBe(0);
  }, 120_000);

  it("the sign-in throttle counts attempts on both servers: 5 wrong passwords split across them lock the account", async () => {
    const attempt = async (server: Server, password: string) => {
      const csrf = await fetch(`${server.url}/api/auth/csrf`);
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
      const response = await fetch(`${server.url}/api/auth/callback/credentials`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie, origin: server.url },
        body: new URLSearchParams({ csrfToken, email: signIn.email, password, json: "true" }),
      });
      const { url } = (await response.json()) as { url: string };
      return new URL(url).searchParams.get("error");
    };
    const servers = [a!, b!];
    for (let i = 0; i < 5; i++) expect(await attempt(servers[i % 2]!, "wrong-password-1")).toMatch(/email or password/i);
    // The right password, on the server that saw only two of the five: refused, because the count is shared.
    expect(await attempt(b!, signIn.password)).toMatch(/Too many sign-in attempts/);
    expect(await attempt(a!, signIn.password)).toMatch(/Too many sign-in attempts/);
  });

  it("three exports at once by one user across servers: exactly one 429", async () => {
    // Long responses make each export 27 MB, more than the loopback socket buffers hold, so an unread stream stays open.
    await db.item.updateMany({ where: { projectId }, data: { responseA: "a".repeat(150_000), responseB: "b".repeat(150_000) } });
    const responses = await Promise.all([a!, b!, a!].map((server) => api(server, lead.token, "/export?format=raw")));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([200, 200, 429]);
    await Promise.all(responses.map((response) => response.body?.cancel()));
    await expect.poll(() => db.exportSlot.count({ where: { userId: lead.id } }), { timeout: 15_000 }).toBe(0);
  }, 60_000);

  it("SIGTERM during an export: new connections are refused, the export finishes, the server exits 0", async () => {
    const expected = await (await api(b!, lead.token, "/export?format=raw")).text();
    const lines = expected.trim().split("\n");
    expect(lines).toHaveLength(90);
    const slow = await api(a!, lead.token, "/export?format=raw");
    expect(slow.status).toBe(200);
    const reader = slow.body!.getReader();
    const first = await reader.read(); // the export is under way, and unread beyond its first chunk

    a!.child.kill("SIGTERM"); // to npm start's process only, as `docker stop` does; it stops its server processes
    await expect.poll(() => tryConnect(a!.port), { timeout: 10_000, interval: 100 }).toBe("ECONNREFUSED");
    await sleep(500);
    expect(a!.child.exitCode).toBeNull(); // still finishing the export

    const chunks: Uint8Array[] = [first.value!];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
    }
    expect(Buffer.concat(chunks).toString("utf8")).toBe(expected);
    expect(await a!.exited).toBe(0);
    expect(a!.log.join("\n")).toContain("SIGTERM: finishing requests in flight");
    // B is unaffected.
    expect((await api(b!, lead.token, "/stats")).status).toBe(200);
  }, 60_000);
});
