import http from "node:http";

/**
 * A small keep-alive HTTP client for the load driver. node:http rather than
 * fetch: on a 2-core machine the driver shares the CPU with the server and
 * PostgreSQL, and node:http costs a fraction of what fetch (undici with
 * WHATWG streams) costs per request.
 */
export type HttpResult = { status: number; ms: number; body: string; error?: string };

export function createClient(baseUrl: string, maxSockets: number) {
  const url = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  function request(method: string, path: string, headers: Record<string, string>, body?: string): Promise<HttpResult> {
    const started = performance.now();
    return new Promise((resolve) => {
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          method,
          path,
          agent,
          headers: body === undefined ? headers : { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body) },
          timeout: 60_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, body: Buffer.concat(chunks).toString() }));
          res.on("error", (error) => resolve({ status: 0, ms: performance.now() - started, body: "", error: error.message }));
        },
      );
      req.on("timeout", () => req.destroy(new Error("timeout after 60 s")));
      req.on("error", (error) => resolve({ status: 0, ms: performance.now() - started, body: "", error: (error as NodeJS.ErrnoException).code ?? error.message }));
      req.end(body);
    });
  }
  return { request, close: () => agent.destroy() };
}
