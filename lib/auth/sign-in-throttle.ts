import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * Sign-in attempts are counted per key in fixed windows, in the database so
 * every app server shares them. One statement counts the attempt on all its
 * keys and returns the counts, before the password is evaluated, so parallel
 * guesses cannot slip between a check and a record: no more than the limit are
 * ever evaluated. The keys:
 * - account+address: the tight limit. An attacker elsewhere exhausts only
 *   their own pair, so they cannot lock the owner out at the owner's address.
 * - account: a slower limit on guesses spread over many addresses.
 * - address (only when known, see client-address.ts): password spraying, one
 *   guess on each of many accounts.
 * A browser the owner signed in from before (known-device.ts) is counted on
 * its own key with the pair's limit instead of all the others, so strangers'
 * guesses never lock the owner out there.
 * A successful sign-in gives its attempt back and clears its pair, so only
 * failures use up the limits.
 */
export const SIGN_IN_LIMITS = {
  pair: { max: 5, minutes: 15 },
  account: { max: 50, minutes: 60 },
  address: { max: 100, minutes: 15 },
  device: { max: 5, minutes: 15 },
} as const;

type Kind = keyof typeof SIGN_IN_LIMITS;

type Attempt = { email: string; address: string | null; device?: string | null };

function signInKeys({ email, address, device }: Attempt): { key: string; kind: Kind }[] {
  const account = email.toLowerCase();
  const keys: { key: string; kind: Kind }[] = device
    ? [{ key: `device:${device}`, kind: "device" }]
    : [
        { key: `pair:${account}|${address ?? "-"}`, kind: "pair" },
        { key: `account:${account}`, kind: "account" },
      ];
  // A known device is bound to one account, so it cannot spray; strangers at the same address must not lock it out either.
  if (address && !device) keys.push({ key: `address:${address}`, kind: "address" });
  // Always the same order, so two statements sharing keys lock them in the same order (no deadlock).
  return keys.sort((a, b) => a.key.localeCompare(b.key));
}

function retryMessage(until: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  const at = until.toISOString().slice(11, 16);
  return `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"} (after ${at} UTC), or ask an admin to reset your password.`;
}

/** Counts one attempt; throws `rate_limited` (saying when to retry) if any of its keys is over its limit. */
export async function takeSignInAttempt(options: Attempt & { now?: Date }): Promise<void> {
  const now = options.now ?? new Date();
  const keys = signInKeys(options);
  const rows = keys.map(({ key, kind }) => Prisma.sql`(${key}, 1, ${now}, ${new Date(now.getTime() + SIGN_IN_LIMITS[kind].minutes * 60_000)})`);
  const counted = await db.$queryRaw<{ key: string; count: number; until: Date }[]>`
    INSERT INTO "SignInThrottle" ("key", "count", "windowStart", "until") VALUES ${Prisma.join(rows)}
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "SignInThrottle"."until" <= EXCLUDED."windowStart" THEN 1 ELSE "SignInThrottle"."count" + 1 END,
      "windowStart" = CASE WHEN "SignInThrottle"."until" <= EXCLUDED."windowStart" THEN EXCLUDED."windowStart" ELSE "SignInThrottle"."windowStart" END,
      "until" = CASE WHEN "SignInThrottle"."until" <= EXCLUDED."windowStart" THEN EXCLUDED."until" ELSE "SignInThrottle"."until" END
    RETURNING "key", "count", "until"`;
  const kindOf = new Map(keys.map((k) => [k.key, k.kind]));
  const over = counted.filter((row) => Number(row.count) > SIGN_IN_LIMITS[kindOf.get(row.key)!].max);
  if (over.length) {
    const until = new Date(Math.max(...over.map((row) => new Date(row.until).getTime())));
    throw new AppError("rate_limited", retryMessage(until, now));
  }
  // Now and then, forget windows that ended a day ago (keys of random emails would otherwise pile up).
  if (Math.random() < 0.01) await db.signInThrottle.deleteMany({ where: { until: { lt: new Date(now.getTime() - 86_400_000) } } });
}

/** After a successful sign-in: the attempt was not a guess, so it is given back, and the pair starts afresh. */
export async function releaseSignInAttempt(options: Attempt): Promise<void> {
  const keys = signInKeys(options);
  const pair = keys.find((k) => k.kind === "pair" || k.kind === "device")!.key;
  const others = keys.filter((k) => k.key !== pair).map((k) => k.key);
  // Two statements, no transaction: neither holds a lock while waiting for another (no deadlock with takeSignInAttempt).
  await db.signInThrottle.updateMany({ where: { key: { in: others }, count: { gt: 0 } }, data: { count: { decrement: 1 } } });
  await db.signInThrottle.deleteMany({ where: { key: pair } });
}
