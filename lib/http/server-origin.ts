import { headers } from "next/headers";
import { readEnv } from "@/lib/env";

/**
 * The address users reach this server at, for examples shown on pages:
 * NEXTAUTH_URL's origin when set, else the request's Host (and
 * X-Forwarded-Proto behind a proxy), else http://localhost:3000.
 */
export async function serverOrigin(): Promise<string> {
  const configured = readEnv().NEXTAUTH_URL;
  if (configured) return new URL(configured).origin;
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host");
  if (!host) return "http://localhost:3000";
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() || "http";
  return `${proto}://${host}`;
}
