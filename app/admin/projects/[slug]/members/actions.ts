"use server";

import { z } from "zod";
import { safeAction } from "@/lib/actions/safe-action";
import { addMember } from "@/lib/members/add-member";
import { removeMember } from "@/lib/members/remove-member";
import { createInvite } from "@/lib/invites/create-invite";
import { revokeInvite } from "@/lib/invites/revoke-invite";
import { addMemberInput } from "@/lib/validations/project";
import { createInviteInput } from "@/lib/validations/invite";
import { qualityStatusBody } from "@/lib/validations/quality-status";
import { setAnnotatorQualityStatus } from "@/lib/quality/set-quality-status";

// Every lib function below checks that the actor leads `project` (or is an admin).
const project = z.string().min(1).max(100);

/** Adds an existing user, or changes a member's role (addMember does both). */
export const addMemberAction = safeAction(addMemberInput.extend({ project }), async (input, actor) => {
  const { member, created } = await addMember({ actor, slug: input.project, input: { email: input.email, role: input.role } });
  return { name: member.name, created };
});

export const removeMemberAction = safeAction(z.object({ project, user_id: z.string().min(1).max(100) }), async (input, actor) => {
  return removeMember({ actor, slug: input.project, userId: input.user_id });
});

export const createInviteAction = safeAction(createInviteInput.extend({ project }), async (input, actor) => {
  const invite = await createInvite({ actor, slug: input.project, input });
  return { code: invite.code };
});

export const revokeInviteAction = safeAction(z.object({ project, invite_id: z.string().min(1).max(100) }), async (input, actor) => {
  await revokeInvite({ actor, slug: input.project, inviteId: input.invite_id });
  return { revoked: true };
});

/** A lead's decision on an annotator's gold-check standing (setAnnotatorQualityStatus checks the actor leads the project). */
export const setQualityStatusAction = safeAction(
  z.object({ project, user_id: z.string().min(1).max(100), action: qualityStatusBody.shape.action }),
  async (input, actor) => setAnnotatorQualityStatus({ actor, slug: input.project, userId: input.user_id, action: input.action }),
);
