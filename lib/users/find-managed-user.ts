import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { assertAdmin, type Actor } from "@/lib/permissions";

/**
 * The user an admin is about to change, after the checks every such change
 * shares: the actor is an admin, the user exists and can sign in, and (when
 * `notSelf` says why) the admin is not acting on their own account — an admin
 * who demotes or disables themselves can lock everyone out.
 */
export async function findManagedUser(options: { actor: Actor; userId: string; notSelf?: string }) {
  const { actor, userId, notSelf } = options;
  assertAdmin(actor);
  if (notSelf && userId === actor.id) throw new AppError("conflict", notSelf);
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, role: true, disabled: true, external: true } });
  if (!user) throw new AppError("not_found", "No such user.");
  if (user.external) throw new AppError("conflict", `${user.email} is an external annotator from imported judgments and has no login.`);
  return user;
}
