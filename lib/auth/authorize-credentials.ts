import "server-only";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { signInInput } from "@/lib/validations/user";
import { verifyPassword } from "./password";
import { clientAddress } from "./client-address";
import { knownDeviceFor } from "./known-device";
import { releaseSignInAttempt, takeSignInAttempt } from "./sign-in-throttle";

/** The one answer for a wrong password, an unknown email and a disabled account alike (no account enumeration). */
export const WRONG_CREDENTIALS = "Wrong email or password, or the account is disabled.";

export type CredentialsUser = { id: string; email: string; name: string; sessionVersion: number };

/**
 * The credentials provider's authorize: the attempt is counted before the
 * password is evaluated (sign-in-throttle.ts); every refusal that is not the
 * throttle's reads the same, and takes the same bcrypt time.
 */
export async function authorizeCredentials(credentials: unknown, headers: Record<string, unknown> | undefined): Promise<CredentialsUser> {
  const parsed = signInInput.safeParse(credentials ?? {});
  if (!parsed.success) throw new Error("Enter your email and password.");
  const { email, password } = parsed.data;
  const address = clientAddress(headers);
  const cookie = headers?.cookie;
  const device = knownDeviceFor(typeof cookie === "string" ? cookie : null, email);
  try {
    await takeSignInAttempt({ email, address, device });
  } catch (error) {
    if (isAppError(error)) throw new Error(error.message);
    throw error;
  }
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, disabled: true, external: true, passwordHash: true, sessionVersion: true },
  });
  const ok = await verifyPassword(password, user?.passwordHash);
  if (!user || !ok || user.external || user.disabled) throw new Error(WRONG_CREDENTIALS);
  await releaseSignInAttempt({ email, address, device });
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}
