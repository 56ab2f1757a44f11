/**
 * One server process of `npm start` (scripts/start.ts, scripts/cluster.ts):
 * the production build served by Next's documented custom-server API
 * (`next({ dev: false })` + node:http), which runs the same request handler as
 * `next start`. Under node:cluster every worker's listen() shares the one port.
 * Plain JavaScript run by node itself (no tsx, no react-server condition), so
 * Next resolves React exactly as `next start` does.
 *
 * Shutdown (SIGTERM, SIGINT, or a "shutdown" message from the primary): stop
 * accepting connections, answer requests in flight (keep-alive connections are
 * closed as they go idle), then close Next and the database and exit 0. After
 * PW_SHUTDOWN_GRACE_MS (default 25 000) the connections still open are cut and
 * the exit status is 1.
 */
import http from "node:http";
import next from "next";

const port = Number(process.env.PORT ?? 3000);
const graceMs = Number(process.env.PW_SHUTDOWN_GRACE_MS ?? 25_000);
const label = `server process ${process.env.PW_SERVER_PROCESS ?? "1"} (pid ${process.pid})`;

// What `next start` sets once listening; Next reads it to forward server actions.
process.env.__NEXT_PRIVATE_ORIGIN ??= `http://localhost:${port}`;
process.title = "pairwise-server";

const app = next({ dev: false, dir: process.cwd(), port, hostname: "localhost" });
let closing = false;
let inFlight = 0;

await app.prepare();
const handle = app.getRequestHandler();

const server = http.createServer((req, res) => {
  inFlight++;
  res.once("close", () => inFlight--);
  // A request that arrives on a kept-alive connection during shutdown is answered, and the connection then closed.
  if (closing) res.setHeader("Connection", "close");
  handle(req, res).catch((error) => {
    console.error(`Failed to handle ${req.method} ${req.url}:`, error);
    if (!res.headersSent) {
      res.statusCode = 500;
      res.end("Internal Server Error");
    } else {
      res.destroy();
    }
  });
});

server.on("error", (error) => {
  console.error(`✖ ${label} cannot serve on port ${port}: ${error.message}`);
  process.exit(1);
});

server.listen(port, () => {
  if (process.send) process.send({ type: "ready", pid: process.pid });
  else console.log(`Ready on http://localhost:${port}`);
});

function shutdown(reason) {
  if (closing) return;
  closing = true;
  if (inFlight) console.log(`${label}: ${reason}, finishing ${inFlight} request(s) in flight`);
  let sweep;
  let deadline;
  const finish = async (clean) => {
    clearInterval(sweep);
    clearTimeout(deadline);
    await app.close().catch((error) => console.error(error));
    // The app's database client (lib/db.ts keeps it on globalThis): PGlite flushes and frees its lock.
    await globalThis.__pairwiseDb?.close?.().catch((error) => console.error(error));
    process.exit(clean ? 0 : 1);
  };
  // Stops accepting at once; the callback runs when the last connection has closed.
  server.close(() => void finish(true));
  server.closeIdleConnections();
  sweep = setInterval(() => server.closeIdleConnections(), 200);
  deadline = setTimeout(() => {
    console.error(`${label}: ${inFlight} request(s) still running after ${graceMs} ms; closing them`);
    server.closeAllConnections();
    void finish(false);
  }, graceMs);
}

for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => shutdown(signal));
process.on("message", (message) => {
  if (message && message.type === "shutdown") shutdown("shutting down");
});
// The primary is gone (killed outright): do not stay behind serving.
process.on("disconnect", () => shutdown("primary process gone"));
