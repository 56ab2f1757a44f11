import { randomBytes } from "node:crypto";

/**
 * An id for a row written with raw SQL, where Prisma's client-side
 * `@default(cuid())` does not run: time-ordered like a cuid (a timestamp in
 * base 36 first, so ids of one table stay roughly in insertion order in the
 * primary-key index), then 64 random bits.
 */
export function newRowId(): string {
  return `c${Date.now().toString(36)}${randomBytes(8).toString("hex")}`;
}
