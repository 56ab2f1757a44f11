import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { AppError, describeZodIssues } from "@/lib/errors";
import { getProjectForActor, type Actor } from "@/lib/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { createInviteInput, type CreateInviteInput } from "@/lib/validations/invite";
import { inviteViewSelect, toInviteView, type InviteView } from "./invite-view";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A new invite link for a project (leads of the project and admins). The code
 * is 24 url-safe characters from 18 random bytes (144 bits): the link is the
 * only credential a new annotator needs, so it must not be guessable.
 */
export async function createInvite(options: { actor: Actor; slug: string; input: CreateInviteInput; now?: Date }): Promise<InviteView> {
  const { actor, slug, now = new Date() } = options;
  const parsed = createInviteInput.safeParse(options.input);
  if (!parsed.success) throw new AppError("unprocessable", describeZodIssues(parsed.error.issues));
  const input = parsed.data;
  const project = await getProjectForActor({ actor, slug, access: "lead" });
  const role = input.role === "lead" ? "LEAD" : "ANNOTATOR";
  const expiresAt = input.expires_in_days === null ? null : new Date(now.getTime() + input.expires_in_days * DAY_MS);
  return db.$transaction(async (tx) => {
    const invite = await tx.invite.create({
      data: { code: randomBytes(18).toString("base64url"), projectId: project.id, role, usesLeft: input.uses, expiresAt, createdById: actor.id },
      select: inviteViewSelect,
    });
    // The code itself stays out of the log: anyone who reads the audit log could otherwise join.
    await recordAuditEvent(
      { actorId: actor.id, projectId: project.id, action: "invite.created", details: { invite_id: invite.id, role, uses: input.uses, expires_at: expiresAt?.toISOString() ?? null } },
      tx,
    );
    return toInviteView(invite, now);
  });
}
