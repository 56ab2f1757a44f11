import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { resolveAuthSecret } from "@/lib/env";

/**
 * A "known device" cookie (OWASP's device cookies against lockout attacks):
 * after a successful sign-in the browser gets a signed token naming the
 * account. An attempt that presents a valid one for the account it signs into
 * is throttled on that token alone, never by the limits that strangers'
 * guesses use up, so an attacker cannot lock the owner out of a browser the
 * owner has signed in from. Without the secret nobody can make one.
 */
export const KNOWN_DEVICE_COOKIE = "pairwise-device";
export const KNOWN_DEVICE_DAYS = 180;

function sign(email: string, nonce: string): string {
  const key = createHmac("sha256", resolveAuthSecret()).update("pairwise known-device v1").digest();
  return createHmac("sha256", key).update(`${email.toLowerCase()}|${nonce}`).digest("base64url");
}

export function issueKnownDevice(email: string): string {
  const nonce = randomBytes(16).toString("base64url");
  return `v1.${nonce}.${sign(email, nonce)}`;
}

/** The device's id when `cookieHeader` carries a valid known-device token for `email`, else null. */
export function knownDeviceFor(cookieHeader: string | null | undefined, email: string): string | null {
  const raw = cookieHeader
    ?.split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${KNOWN_DEVICE_COOKIE}=`))
    ?.slice(KNOWN_DEVICE_COOKIE.length + 1);
  const match = raw ? /^v1\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(raw) : null;
  if (!match) return null;
  const expected = Buffer.from(sign(email, match[1]!));
  const given = Buffer.from(match[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? match[1]! : null;
}
