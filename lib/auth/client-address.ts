import { readEnv } from "@/lib/env";

type HeaderSource = Headers | Record<string, unknown> | undefined;

function header(headers: HeaderSource, name: string): string | null {
  if (!headers) return null;
  if (headers instanceof Headers) return headers.get(name);
  const value = headers[name];
  if (Array.isArray(value)) return value.join(",");
  return typeof value === "string" ? value : null;
}

/**
 * The client's address for the sign-in throttle, or null when it cannot be
 * known. Next's route handlers do not expose the socket, and any client can
 * write X-Forwarded-For, so the header is read only when TRUST_PROXY says how
 * many proxies of ours append to it: each appends the address it saw, so the
 * entry that many places from the right is the last one a proxy of ours
 * wrote; everything left of it is whatever the client sent.
 */
export function clientAddress(headers: HeaderSource, hops: number = readEnv().TRUST_PROXY): string | null {
  if (!hops) return null;
  const entries = (header(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (!entries.length) return null;
  // Fewer entries than hops: all of them were written by our proxies, so the leftmost is the client.
  const entry = entries[Math.max(0, entries.length - hops)]!;
  return entry.slice(0, 100);
}
