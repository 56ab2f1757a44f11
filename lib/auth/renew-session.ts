import "server-only";
import { cookies } from "next/headers";
import { decode, encode } from "next-auth/jwt";
import { authOptions, SESSION_MAX_AGE_SECONDS, SESSION_UPDATE_AGE_SECONDS } from "./options";

/**
 * Sliding renewal of the session cookie. next-auth renews a JWT only when its
 * own /api/auth/session is called, and getServerSession in the App Router
 * never writes cookies, so we do it here: once the token is older than the
 * update age, it is signed again for a fresh SESSION_MAX_AGE_SECONDS. Cookies
 * can be written in server actions and route handlers (every judgment, every
 * admin form); a page render cannot, and then nothing happens.
 */
export async function renewSessionIfDue(issuedAt: number | undefined, now = Date.now()): Promise<boolean> {
  if (typeof issuedAt !== "number" || now / 1000 - issuedAt < SESSION_UPDATE_AGE_SECONDS) return false;
  const options = authOptions();
  const secure = Boolean(options.useSecureCookies);
  const name = `${secure ? "__Secure-" : ""}next-auth.session-token`;
  try {
    const store = await cookies();
    const current = store.get(name)?.value;
    if (!current) return false;
    const token = await decode({ token: current, secret: options.secret! });
    if (!token) return false;
    const value = await encode({ token, secret: options.secret!, maxAge: SESSION_MAX_AGE_SECONDS });
    store.set(name, value, { httpOnly: true, sameSite: "lax", path: "/", secure, expires: new Date(now + SESSION_MAX_AGE_SECONDS * 1000) });
    return true;
  } catch {
    return false; // a server component's render: cookies are read-only there
  }
}
