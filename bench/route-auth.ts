/**
 * The per-request reads of a REST project route (issue 13 item 2, part):
 * actorFromRequest + getProjectForActor (two round trips) against
 * actorAndProjectFromRequest (one), called in turn on one PostgreSQL
 * connection pool, sequentially (latency) and 20 at a time (throughput), with
 * this process's CPU per call. Alternating blocks, so the machine's other load
 * hits both alike.
 *
 *   DATABASE_URL=postgresql://root@127.0.0.1:5432/pw_bench_auth npm run bench:route-auth -- [--calls 2000] [--out route-auth.json]
 */
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import { randomBytes } from "node:crypto";
import Module from "node:module";
import { argValue, requirePostgresUrl } from "./lib/args";

// As bench/lib/handler-server.ts: `server-only` is a no-op outside Next, and no react-server condition (lib/auth needs the client React).
const resolver = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolveFilename = resolver._resolveFilename;
resolver._resolveFilename = (request, ...rest) => (request === "server-only" ? path.resolve(__dirname, "../test/server-only-stub.ts") : resolveFilename(request, ...rest));

type Path = (request: Request, slug: string) => Promise<unknown>;

async function main() {
  // Loaded after the hook above (static imports would be hoisted before it).
  const { migrateDatabase } = await import("@/lib/db/migrate");
  const { db, closeDb } = await import("@/lib/db");
  const { generateApiToken } = await import("@/lib/api-tokens/token-hash");
  const { actorFromRequest } = await import("@/lib/auth/session");
  const { getProjectForActor } = await import("@/lib/permissions");
  const { actorAndProjectFromRequest } = await import("@/lib/http/actor-and-project");
  const paths: Record<string, Path> = {
    two_queries: async (request, slug) => {
      const actor = await actorFromRequest(request);
      return getProjectForActor({ actor, slug, access: "annotate" });
    },
    one_query: (request, slug) => actorAndProjectFromRequest(request, slug, "annotate"),
  };
  const url = requirePostgresUrl();
  const calls = Number(argValue("calls", "2000"));
  await migrateDatabase({ kind: "postgres", url });
  const id = randomBytes(4).toString("hex");
  const user = await db.user.create({ data: { email: `auth-${id}@example.com`, name: "bench" } });
  const { token, hash, prefix } = generateApiToken();
  await db.apiToken.create({ data: { name: "bench", userId: user.id, tokenHash: hash, prefix, lastUsedAt: new Date(Date.now() + 3_600_000) } });
  const project = await db.project.create({ data: { slug: `auth-${id}`, name: "auth bench", status: "ACTIVE" } });
  await db.membership.create({ data: { userId: user.id, projectId: project.id } });
  const request = () => new Request(`http://localhost/api/v1/projects/${project.slug}/next`, { headers: { authorization: `Bearer ${token}` } });

  const totals: Record<string, { ms: number; cpuMs: number; calls: number; parallelMs: number; parallelCalls: number }> = {};
  for (const name of Object.keys(paths)) totals[name] = { ms: 0, cpuMs: 0, calls: 0, parallelMs: 0, parallelCalls: 0 };
  for (const name of Object.keys(paths)) for (let i = 0; i < 50; i++) await paths[name]!(request(), project.slug); // warm-up
  const block = 100;
  for (let done = 0; done < calls; done += block) {
    for (const name of Object.keys(paths)) {
      const cpu = process.cpuUsage();
      const started = performance.now();
      for (let i = 0; i < block; i++) await paths[name]!(request(), project.slug);
      const spent = process.cpuUsage(cpu);
      totals[name]!.ms += performance.now() - started;
      totals[name]!.cpuMs += (spent.user + spent.system) / 1000;
      totals[name]!.calls += block;
      const parallelStarted = performance.now();
      await Promise.all(Array.from({ length: 20 }, async () => { for (let i = 0; i < block / 20; i++) await paths[name]!(request(), project.slug); }));
      totals[name]!.parallelMs += performance.now() - parallelStarted;
      totals[name]!.parallelCalls += block;
    }
  }
  const round = (n: number) => Math.round(n * 100) / 100;
  const results = Object.fromEntries(
    Object.entries(totals).map(([name, t]) => [name, { mean_ms: round(t.ms / t.calls), cpu_ms_per_call: round(t.cpuMs / t.calls), calls_per_s_20_at_once: Math.round((t.parallelCalls / t.parallelMs) * 1000) }]),
  );
  const report = { calls, results, load_average: os.loadavg().map(round), at: new Date().toISOString() };
  console.log(JSON.stringify(report, null, 2));
  fs.writeFileSync(path.join(__dirname, "results", argValue("out", "route-auth.json")), `${JSON.stringify(report, null, 2)}\n`);
  await db.project.delete({ where: { id: project.id } });
  await db.user.delete({ where: { id: user.id } });
  await closeDb();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
