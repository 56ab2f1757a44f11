"use server";

import { z } from "zod";
import { safeAction } from "@/lib/actions/safe-action";
import { redeemInvite } from "@/lib/invites/redeem-invite";
import { joinInput } from "@/lib/validations/user";

/** A new annotator creates an account through an invite link. */
export const joinWithNewAccount = safeAction(
  joinInput,
  async (input) => {
    const result = await redeemInvite({ code: input.code, newUser: { name: input.name, email: input.email, password: input.password } });
    return { slug: result.projectSlug };
  },
  { public: true },
);

/** A signed-in user joins the invite's project. */
export const joinAsCurrentUser = safeAction(z.object({ code: z.string().min(8).max(100) }), async (input, actor) => {
  const result = await redeemInvite({ code: input.code, userId: actor.id });
  return { slug: result.projectSlug };
});
