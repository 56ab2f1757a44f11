/**
 * The annotation route handlers served by plain node:http, without Next.js:
 *   DATABASE_URL=… npx tsx --conditions react-server bench/lib/handler-server.ts <port>
 * The same handler functions, lib/ code, Prisma client and pool as under
 * `next start`, minus Next's own request handling. `npm run bench:load --
 * --server handlers` uses it to measure lib/ changes before a new build
 * exists (one `.next` is shared by the team, and only the lead builds), and
 * the difference between the two servers is what Next itself costs.
 */
import http from "node:http";
import Module from "node:module";
import path from "node:path";

// Like the Vitest config: `server-only` is a no-op outside Next's server bundle.
// Not `--conditions react-server` either: next/navigation needs the client React.
const resolver = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolveFilename = resolver._resolveFilename;
resolver._resolveFilename = (request, ...rest) =>
  request === "server-only" ? path.resolve(__dirname, "../../test/server-only-stub.ts") : resolveFilename(request, ...rest);

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
// require() after the hook above (imports would be hoisted before it).
type Route = { pattern: RegExp; keys: string[]; load: () => Record<string, unknown> };

/* eslint-disable @typescript-eslint/no-require-imports -- loaded after the hook above, on purpose */
const routes: Route[] = [
  { pattern: /^\/api\/v1\/projects\/([^/]+)\/next$/, keys: ["slug"], load: () => require("@/app/api/v1/projects/[slug]/next/route") },
  { pattern: /^\/api\/v1\/projects\/([^/]+)\/judgments$/, keys: ["slug"], load: () => require("@/app/api/v1/projects/[slug]/judgments/route") },
  { pattern: /^\/api\/v1\/projects\/([^/]+)\/skips$/, keys: ["slug"], load: () => require("@/app/api/v1/projects/[slug]/skips/route") },
];
/* eslint-enable @typescript-eslint/no-require-imports */

async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
  for (const route of routes) {
    const match = route.pattern.exec(url.pathname);
    if (!match) continue;
    const handler = route.load()[req.method ?? "GET"] as Handler | undefined;
    if (!handler) break;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(key, value);
    const request = new Request(url, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
    const params = Object.fromEntries(route.keys.map((key, i) => [key, decodeURIComponent(match[i + 1]!)]));
    const response = await handler(request, { params: Promise.resolve(params) });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
    return;
  }
  res.writeHead(404).end();
}

const port = Number(process.argv[2] ?? 3599);
http
  .createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error(error);
      res.writeHead(500).end();
    });
  })
  .listen(port, "127.0.0.1", () => console.log(`handlers listening on http://127.0.0.1:${port}`));

// A clean exit on SIGTERM, so `--cpu-prof` writes its profile.
process.on("SIGTERM", () => process.exit(0));
