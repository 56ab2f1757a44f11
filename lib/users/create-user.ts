import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { hashPassword } from "@/lib/auth/password";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { assertAdmin, type Actor } from "@/lib/permissions";
import { isUniqueViolation } from "@/lib/judgments/is-unique-violation";
import type { CreateUserInput } from "@/lib/validations/user";
import type { Role } from "@/lib/generated/prisma/client";

export type CreatedUser = { id: string; email: string; name: string; role: Role };

/**
 * Creates an account with a password. `actor: null` is the trusted local CLI
 * (it runs on the server with the database's own credentials, so anyone who
 * can run it could write the rows directly); any other caller must be an admin.
 * The input is the parsed `createUserInput` (email lower-cased, role upper-cased).
 */
export async function createUser(options: { actor: Actor | null; input: CreateUserInput }): Promise<CreatedUser> {
  const { actor, input } = options;
  if (actor) assertAdmin(actor);
  const name = input.name ?? input.email.split("@")[0] ?? input.email;
  const taken = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (taken) throw new AppError("conflict", `A user with the email ${input.email} already exists.`);
  // Hash outside the transaction: bcrypt takes ~150 ms and PGlite has one connection.
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: input.email, name, role: input.role, passwordHash },
        select: { id: true, email: true, name: true, role: true },
      });
      await recordAuditEvent(
        { actorId: actor?.id ?? null, action: "user.created", details: { userId: user.id, email: user.email, role: user.role, via: actor ? "app" : "cli" } },
        tx,
      );
      return user;
    });
  } catch (error) {
    // Two requests racing for the same email: the unique index decides.
    if (isUniqueViolation(error)) throw new AppError("conflict", `A user with the email ${input.email} already exists.`);
    throw error;
  }
}
