import { initialQualityStatus } from "@/lib/quality/quality-rules";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";

export type InviteSummary = { projectSlug: string; projectName: string; role: "LEAD" | "ANNOTATOR" };

async function findUsableInvite(code: string, now = new Date()) {
  const invite = await db.invite.findUnique({
    where: { code },
    select: { id: true, role: true, usesLeft: true, expiresAt: true, revokedAt: true, project: { select: { id: true, slug: true, name: true, qualificationItems: true } } },
  });
  if (!invite || invite.revokedAt) throw new AppError("not_found", "This invite link is not valid. Ask your project lead for a new one.");
  if (invite.expiresAt && invite.expiresAt <= now) throw new AppError("conflict", "This invite link has expired. Ask your project lead for a new one.");
  if (invite.usesLeft !== null && invite.usesLeft <= 0) throw new AppError("conflict", "This invite link has been used up. Ask your project lead for a new one.");
  return invite;
}

export async function describeInvite(code: string): Promise<InviteSummary> {
  const invite = await findUsableInvite(code);
  return { projectSlug: invite.project.slug, projectName: invite.project.name, role: invite.role };
}

/**
 * Joins a project through an invite: an existing signed-in user, or a new
 * annotator account created here. A use is taken only when it adds a member.
 *
 * The join form answers the same whether or not its email has an account
 * (issue 8, enumeration): for a taken email nothing is created and the
 * answer is the same summary, with `userId` null unless the password is
 * that account's, in which case its owner joins as themselves. The form
 * then signs in with what was typed, and a wrong password ends on the
 * sign-in page, as it would for anyone. Both paths spend one bcrypt hash
 * and one compare, so the time says nothing either.
 */
export async function redeemInvite(options: {
  code: string;
  userId?: string;
  newUser?: { name: string; email: string; password: string };
}): Promise<InviteSummary & { userId: string | null }> {
  const invite = await findUsableInvite(options.code);
  const summary = { projectSlug: invite.project.slug, projectName: invite.project.name, role: invite.role };
  let joinedAs = options.userId;
  let passwordHash: string | null = null;
  if (options.newUser) {
    const [hash, owner] = await Promise.all([
      hashPassword(options.newUser.password),
      db.user.findUnique({ where: { email: options.newUser.email }, select: { id: true, passwordHash: true, disabled: true, external: true } }),
    ]);
    const proven = await verifyPassword(options.newUser.password, owner?.passwordHash);
    if (owner) {
      if (!proven || owner.disabled || owner.external) return { ...summary, userId: null };
      joinedAs = owner.id;
    } else passwordHash = hash;
  }
  const joined = await db.$transaction(async (tx) => {
    let userId = joinedAs;
    if (options.newUser && passwordHash !== null) {
      const taken = await tx.user.findUnique({ where: { email: options.newUser.email }, select: { id: true } });
      // Created a moment ago by someone else: the same answer as any taken email.
      if (taken) return null;
      const user = await tx.user.create({
        data: { email: options.newUser.email, name: options.newUser.name, passwordHash, role: "ANNOTATOR" },
        select: { id: true },
      });
      userId = user.id;
    }
    if (!userId) throw new AppError("unauthorized", "Sign in or create an account to join.");
    const existing = await tx.membership.findUnique({ where: { userId_projectId: { userId, projectId: invite.project.id } } });
    if (existing) return userId;
    // Conditional decrement: two people racing for the last use cannot both win.
    if (invite.usesLeft !== null) {
      const taken = await tx.invite.updateMany({ where: { id: invite.id, usesLeft: { gt: 0 } }, data: { usesLeft: { decrement: 1 } } });
      if (taken.count === 0) throw new AppError("conflict", "This invite link has been used up. Ask your project lead for a new one.");
    }
    // With qualification on, a new annotator answers gold items first (docs/formats.md, "Gold, qualification and re-checks").
    await tx.membership.create({
      data: { userId, projectId: invite.project.id, role: invite.role, ...initialQualityStatus(invite.role, invite.project, new Date()) },
    });
    await recordAuditEvent({ actorId: userId, projectId: invite.project.id, action: "invite.redeemed", details: { role: invite.role } }, tx);
    return userId;
  });
  return { ...summary, userId: joined };
}
