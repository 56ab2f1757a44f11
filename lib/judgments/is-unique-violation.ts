import { Prisma } from "@/lib/generated/prisma/client";

/**
 * Whether a write failed on a unique index. The pg adapter's errors reach us
 * as Prisma's P2002; pglite-prisma-adapter 0.6 does not translate SQLSTATE
 * codes, so its DriverAdapterError arrives raw with `cause.code` 23505.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === "P2002";
  if (error instanceof Error && error.name === "DriverAdapterError") {
    const cause = (error as Error & { cause?: { kind?: string; code?: string } }).cause;
    return cause?.kind === "UniqueConstraintViolation" || (cause?.kind === "postgres" && cause.code === "23505");
  }
  return false;
}
