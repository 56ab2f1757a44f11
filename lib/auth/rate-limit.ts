import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

/**
 * Failed sign-ins are limited per email and per client address, counted in
 * the database so that every app server sees the same window.
 */
export const SIGN_IN_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_ADDRESS = 30;

function keys(email: string, address: string | null) {
  return { email: `email:${email.toLowerCase()}`, address: address ? `ip:${address}` : null };
}

export async function assertSignInAllowed(email: string, address: string | null, now = new Date()): Promise<void> {
  const since = new Date(now.getTime() - SIGN_IN_WINDOW_MINUTES * 60_000);
  const k = keys(email, address);
  const byEmail = await db.loginAttempt.count({ where: { key: k.email, createdAt: { gt: since } } });
  if (byEmail >= MAX_FAILURES_PER_EMAIL) {
    throw new AppError(
      "rate_limited",
      `Too many failed sign-ins for this email. Wait ${SIGN_IN_WINDOW_MINUTES} minutes, or ask your project lead to reset your password.`,
    );
  }
  if (k.address) {
    const byAddress = await db.loginAttempt.count({ where: { key: k.address, createdAt: { gt: since } } });
    if (byAddress >= MAX_FAILURES_PER_ADDRESS) {
      throw new AppError("rate_limited", `Too many failed sign-ins from your network. Wait ${SIGN_IN_WINDOW_MINUTES} minutes.`);
    }
  }
}

export async function recordSignInFailure(email: string, address: string | null): Promise<void> {
  const k = keys(email, address);
  await db.loginAttempt.createMany({ data: [{ key: k.email }, ...(k.address ? [{ key: k.address }] : [])] });
}

export async function clearSignInFailures(email: string): Promise<void> {
  await db.loginAttempt.deleteMany({ where: { key: keys(email, null).email } });
}
