import { NextResponse, type NextRequest } from "next/server";

/**
 * Next 16's proxy (formerly middleware): security headers only, never an
 * access check (those live in lib/permissions.ts, on every page, action and
 * route). Each page response gets a Content-Security-Policy with a fresh
 * nonce; Next reads the nonce from the request's CSP header and puts it on
 * its own scripts, so no inline script without it runs. Pages must render
 * dynamically for that (a prerendered page has no nonce). The static headers
 * every response gets (nosniff, Referrer-Policy, …) are in next.config.js.
 */
export function buildContentSecurityPolicy(nonce: string, options: { dev?: boolean; https?: boolean } = {}): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts loaded by a nonced script may load others (Next's chunks); host lists are then ignored.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes (progress bars, heat maps) need 'unsafe-inline' for styles; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    // Markdown images are stripped (lib/markdown): model outputs cannot make the browser fetch other hosts.
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  const policy = buildContentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development", https });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: the REST API answers JSON (next.config.js gives it a `default-src 'none'` policy), and static files need none.
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
