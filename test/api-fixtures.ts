import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { generateApiToken } from "@/lib/api-tokens/token-hash";
import type { Role } from "@/lib/generated/prisma/client";

/**
 * Helpers for tests that call REST route handlers directly: users with API
 * tokens, and requests shaped as Next hands them to a route.ts export.
 */
export const unique = () => randomBytes(4).toString("hex");

export async function userWithToken(name: string, role: Role = "ANNOTATOR") {
  const user = await db.user.create({ data: { email: `${name}-${unique()}@example.com`, name, role }, select: { id: true, email: true } });
  const { token, hash, prefix } = generateApiToken();
  await db.apiToken.create({ data: { name: "test", userId: user.id, tokenHash: hash, prefix } });
  return { ...user, token };
}

export type ApiCall = {
  method?: string;
  token?: string | null;
  /** JSON-encoded unless a string. */
  body?: unknown;
  contentType?: string;
};

export function apiRequest(path: string, call: ApiCall = {}): Request {
  const headers = new Headers();
  if (call.token) headers.set("Authorization", `Bearer ${call.token}`);
  let body: string | undefined;
  if (call.body !== undefined) {
    body = typeof call.body === "string" ? call.body : JSON.stringify(call.body);
    headers.set("Content-Type", call.contentType ?? "application/json");
  }
  return new Request(`http://localhost/api/v1${path}`, { method: call.method ?? "GET", headers, body });
}

/** The `{ params }` context Next passes to a dynamic route's handler. */
export function routeContext<P extends Record<string, string>>(params: P) {
  return { params: Promise.resolve(params) };
}

/** A user as lib functions see them (an Actor), without a token. */
export async function createActor(name: string, role: Role = "ANNOTATOR") {
  return db.user.create({ data: { email: `${name}-${unique()}@example.com`, name, role }, select: { id: true, email: true, name: true, role: true } });
}
