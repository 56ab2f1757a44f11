import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { loadActor, type Actor } from "@/lib/permissions";
import { CliFailure } from "./errors";

/**
 * Who a CLI command acts as. The CLI is a trusted local tool: whoever can run
 * it on the server can read the database anyway, so by default it acts as the
 * first admin account (audit events then name that admin). `--as EMAIL` acts
 * as that user instead, with exactly their role and memberships, which is the
 * way to have the audit log name the person who ran it.
 */
export async function resolveActingUser(asEmail: string | undefined): Promise<Actor> {
  if (asEmail) {
    const user = await db.user.findUnique({ where: { email: asEmail }, select: { id: true } });
    if (!user) throw new AppError("not_found", `No user with the email ${asEmail} (given with --as).`);
    return loadActor(user.id);
  }
  const admin = await db.user.findFirst({
    where: { role: "ADMIN", disabled: false, external: false },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true },
  });
  if (!admin) {
    throw new CliFailure("There is no admin account yet: create one with `user create --role admin …`, or pass --as EMAIL.");
  }
  return loadActor(admin.id);
}

/** Finds an enabled login account by email (the owner of a new token). */
export async function findLoginUser(email: string): Promise<Actor> {
  const user = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (!user) throw new AppError("not_found", `No user with the email ${email}.`);
  return loadActor(user.id);
}
