import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, db } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/migrate";
import { leaseNextItem } from "@/lib/assignment/lease-next-item";
import { submitJudgment } from "@/lib/judgments/submit-judgment";
import { createItems, judgmentInput } from "@/lib/assignment/test-fixtures";
import { userWithToken } from "@/test/api-fixtures";
import { ensureBuilt, killGroup, startServer, tryConnect, type Server } from "@/test/start-server";

/**
 * Issue 13 item 3 on the embedded database: `npm start` with
 * WEB_CONCURRENCY=2 runs one server process and says why in one line; SIGTERM
 * during an export stream refuses new connections, lets the export finish,
 * frees PGlite's lock and exits 0. (On PostgreSQL the same shutdown, with two
 * processes, is in test/two-servers.test.ts; this file needs its own PGlite
 * folder, so it runs in the PGlite pass only.)
 */
describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))("npm start on the embedded database", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pw-shutdown-"));
  const dbDir = path.join(dir, "pglite");
  const slug = `stop-${randomBytes(3).toString("hex")}`;
  let lead: { id: string; token: string };
  let server: Server | undefined;
  const previousUrl = process.env.DATABASE_URL;

  beforeAll(async () => {
    ensureBuilt();
    const databaseUrl = `pglite:${dbDir}`;
    await migrateDatabase({ kind: "pglite", dir: dbDir });
    process.env.DATABASE_URL = databaseUrl; // lib/db opens this folder (and takes its lock) on first use
    lead = await userWithToken("stop-lead", "LEAD");
    const annotator = await userWithToken("stop-annotator");
    const project = await db.project.create({ data: { slug, name: "Shutdown", status: "ACTIVE", overlap: 1, scale: 3 } });
    await createItems(project.id, 20);
    // Long responses: the export (24 MB) is more than the loopback socket buffers hold, so an unread stream stays open.
    await db.item.updateMany({ where: { projectId: project.id }, data: { responseA: "a".repeat(600_000), responseB: "b".repeat(600_000) } });
    await db.membership.createMany({ data: [{ userId: lead.id, projectId: project.id, role: "LEAD" }, { userId: annotator.id, projectId: project.id }] });
    for (let i = 0; i < 20; i++) {
      const lease = (await leaseNextItem({ userId: annotator.id, projectId: project.id }))!;
      await submitJudgment({ userId: annotator.id, project, input: judgmentInput(lease.externalId, 1) });
    }
    await closeDb(); // the server opens the folder next
    server = await startServer("pglite", databaseUrl, randomBytes(32).toString("base64url"), { WEB_CONCURRENCY: "2", PW_SHUTDOWN_GRACE_MS: "20000" });
  }, 600_000);

  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      killGroup(server, "SIGKILL");
      await server.exited;
    }
    process.env.DATABASE_URL = previousUrl;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("runs one server process, saying why in one line", () => {
    const log = server!.log.join("\n");
    expect(log).toContain("WEB_CONCURRENCY=2 is ignored: the embedded database (PGlite) can be opened by one process only, so one server process runs.");
    expect(log).toContain("Starting 1 server process on");
  });

  it("SIGTERM during an export: new connections are refused, the export finishes, the lock is freed, exit 0", async () => {
    const response = await fetch(`${server!.url}/api/v1/projects/${slug}/export?format=raw`, { headers: { authorization: `Bearer ${lead.token}` } });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const chunks: Uint8Array[] = [(await reader.read()).value!];

    server!.child.kill("SIGTERM");
    await expect.poll(() => tryConnect(server!.port), { timeout: 10_000, interval: 100 }).toBe("ECONNREFUSED");
    await sleep(500);
    expect(server!.child.exitCode).toBeNull(); // still finishing the export

    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
    }
    const lines = Buffer.concat(chunks).toString("utf8").trim().split("\n");
    expect(lines).toHaveLength(20);
    expect(lines.map((line) => (JSON.parse(line) as { response_a: string }).response_a.length)).toEqual(lines.map(() => 600_000));
    expect(await server!.exited).toBe(0);
    expect(server!.log.join("\n")).toContain("SIGTERM: finishing requests in flight");
    expect(fs.existsSync(`${dbDir}.lock`)).toBe(false);
  }, 60_000);
});
