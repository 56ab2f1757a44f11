"use server";

import { safeAction } from "@/lib/actions/safe-action";
import { createUser } from "@/lib/users/create-user";
import { updateUserRole } from "@/lib/users/update-user-role";
import { setUserDisabled } from "@/lib/users/set-user-disabled";
import { resetUserPassword } from "@/lib/users/reset-user-password";
import { createUserInput, resetUserPasswordInput, setUserDisabledInput, updateUserRoleInput } from "@/lib/validations/user";

// Each lib function checks the actor is an admin (and refuses self-demotion and self-disabling).

export const updateUserRoleAction = safeAction(updateUserRoleInput, async (input, actor) => updateUserRole({ actor, userId: input.user_id, role: input.role }));

export const setUserDisabledAction = safeAction(setUserDisabledInput, async (input, actor) => setUserDisabled({ actor, userId: input.user_id, disabled: input.disabled }));

/** The new password goes back to the admin's browser once; only its hash is stored. The user's sessions end and their API tokens are revoked. */
export const resetUserPasswordAction = safeAction(resetUserPasswordInput, async (input, actor) => {
  const { email, password, tokensRevoked } = await resetUserPassword({ actor, userId: input.user_id });
  return { email, password, tokensRevoked };
});

export const createUserAction = safeAction(createUserInput, async (input, actor) => {
  const user = await createUser({ actor, input });
  return { email: user.email };
});
