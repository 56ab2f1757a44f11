"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { safeAction } from "@/lib/actions/safe-action";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { revokeApiToken } from "@/lib/api-tokens/revoke-api-token";
import { signOutEverywhere } from "@/lib/auth/sign-out-everywhere";
import { createApiTokenInput, revokeApiTokenInput } from "@/lib/validations/api-token";

/** Any signed-in user creates tokens for themselves; the secret goes back once, in this answer only. */
export const createTokenAction = safeAction(createApiTokenInput, async (input, actor) => {
  const created = await createApiToken({ actor, name: input.name });
  revalidatePath("/tokens");
  return created;
});

/** Own tokens only (revokeApiToken checks; an admin may revoke any). */
export const revokeTokenAction = safeAction(revokeApiTokenInput, async (input, actor) => {
  const revoked = await revokeApiToken({ actor, tokenId: input.tokenId });
  revalidatePath("/tokens");
  return revoked;
});

/** Ends every session of the signed-in user, this one included (the form then goes to the sign-in page). */
export const signOutEverywhereAction = safeAction(z.object({}), async (_input, actor) => {
  await signOutEverywhere({ actor });
  return { signedOut: true };
});
