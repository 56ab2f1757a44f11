import "server-only";
import { headers } from "next/headers";
import { AppError } from "@/lib/errors";

/** The hosts this request was addressed to (a proxy's X-Forwarded-Host, the Host, the URL's host). */
function ownHosts(h: Headers, url?: string): string[] {
  const hosts = [h.get("x-forwarded-host"), h.get("host")];
  if (url) hosts.push(new URL(url).host);
  return hosts.filter((host): host is string => Boolean(host)).map((host) => host.split(",")[0]!.trim().toLowerCase());
}

/** True when the Origin header names one of our own hosts, port included (another port of the same host is another origin). */
function isOwnOrigin(origin: string, h: Headers, url?: string): boolean {
  let originHost: string;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    return false;
  }
  return ownHosts(h, url).includes(originHost);
}

/**
 * Server actions refuse cross-origin posts. Next checks Origin against Host
 * for actions too; this repeats it in our code so the rule is visible and tested.
 */
export async function assertSameOrigin(): Promise<void> {
  const h = await headers();
  const origin = h.get("origin");
  if (!origin) return; // same-origin navigations and non-browser callers (no cookies sent cross-site)
  if (!URL.canParse(origin)) throw new AppError("forbidden", "Bad Origin header.");
  if (!isOwnOrigin(origin, h)) throw new AppError("forbidden", "Cross-origin requests are refused.");
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Body types a page on another origin cannot send without a CORS preflight
 * (which we never grant). text/plain, forms and multipart are the "simple"
 * types a hostile page can post with the victim's cookie, so they are refused.
 */
const WRITE_TYPES = /^(application\/(json|x-ndjson|jsonl|x-jsonlines)|text\/csv)\s*(;|$)/i;

/**
 * A state-changing REST call authenticated by the session cookie must come
 * from the app's own pages (CSRF): the browser's Sec-Fetch-Site says
 * same-origin, or, where a browser sends no fetch metadata, the Origin is ours;
 * and a body must carry a JSON, NDJSON or CSV type. A request with neither
 * header is refused: browsers send Origin on every cross-origin and
 * same-origin write, and scripts should use a bearer token, which cookies
 * cannot forge and this check does not concern.
 */
export function assertCookieWriteAllowed(request: Request): void {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return;
  const h = request.headers;
  const site = h.get("sec-fetch-site");
  const origin = h.get("origin");
  const fromUs = site ? site === "same-origin" : origin ? isOwnOrigin(origin, h, request.url) : false;
  if (!fromUs) {
    throw new AppError(
      "forbidden",
      "A change made with the session cookie must come from Pairwise's own pages. Scripts and other sites: use an API token (Authorization: Bearer …).",
    );
  }
  const hasBody = request.body !== null || Number(h.get("content-length") ?? 0) > 0;
  if (hasBody && !WRITE_TYPES.test(h.get("content-type") ?? "")) {
    throw new AppError("bad_request", "Send the body as application/json (or application/x-ndjson / text/csv for an import file).");
  }
}
