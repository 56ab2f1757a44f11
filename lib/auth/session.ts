import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "./options";
import { renewSessionIfDue } from "./renew-session";
import { loadActor, type Actor } from "@/lib/permissions";
import { actorFromApiToken } from "@/lib/api-tokens/actor-from-api-token";
import { AppError, isAppError } from "@/lib/errors";
import { assertCookieWriteAllowed } from "@/lib/http/same-origin";

/**
 * The signed-in user's id, or null. A token signed at an older session
 * version is no session (the jwt callback in options.ts); a valid one is
 * renewed when due (renew-session.ts).
 */
export async function getSessionUserId(): Promise<string | null> {
  const session = await getServerSession(authOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (id) await renewSessionIfDue((session as { issuedAt?: number }).issuedAt);
  return id ?? null;
}

/** For server components and actions: the signed-in actor, or off to the sign-in page. */
export async function requireActor(returnTo?: string): Promise<Actor> {
  try {
    return await loadActor(await getSessionUserId());
  } catch (error) {
    if (isAppError(error) && error.code === "unauthorized") {
      redirect(`/login${returnTo ? `?next=${encodeURIComponent(returnTo)}` : ""}`);
    }
    throw error;
  }
}

export async function getOptionalActor(): Promise<Actor | null> {
  const id = await getSessionUserId();
  if (!id) return null;
  try {
    return await loadActor(id);
  } catch {
    return null;
  }
}

/**
 * For route handlers: a bearer token when one is sent, else the session
 * cookie. A cookie-authenticated write must also pass the CSRF check (after
 * the session, so a caller without one still gets its 401).
 */
export async function actorFromRequest(request: Request): Promise<Actor> {
  const header = request.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new AppError("unauthorized", "Send the token as `Authorization: Bearer <token>`.");
    return actorFromApiToken(match[1]!);
  }
  const actor = await loadActor(await requireSessionUserId());
  assertCookieWriteAllowed(request);
  return actor;
}

/** A route handler's signed-in user id (the session cookie), or the 401 that says what to send instead. */
export async function requireSessionUserId(): Promise<string> {
  const userId = await getSessionUserId();
  // A script without credentials learns what to send; a page's fetch has the cookie.
  if (!userId) throw new AppError("unauthorized", "Missing bearer token: send `Authorization: Bearer <token>` (API tokens page), or sign in.");
  return userId;
}
