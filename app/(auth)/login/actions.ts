"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { safeAction } from "@/lib/actions/safe-action";
import { issueKnownDevice, KNOWN_DEVICE_COOKIE, KNOWN_DEVICE_DAYS } from "@/lib/auth/known-device";
import { readEnv } from "@/lib/env";

/**
 * Right after a successful sign-in: marks this browser as one the signed-in
 * user uses, so strangers' failed guesses cannot lock them out here
 * (lib/auth/known-device.ts). Needs the new session, so only the account
 * owner can get one for their account.
 */
export const rememberDeviceAction = safeAction(z.object({}), async (_input, actor) => {
  (await cookies()).set(KNOWN_DEVICE_COOKIE, issueKnownDevice(actor.email), {
    httpOnly: true,
    sameSite: "lax",
    path: "/api/auth",
    secure: (readEnv().NEXTAUTH_URL ?? "").startsWith("https://"),
    maxAge: KNOWN_DEVICE_DAYS * 86_400,
  });
  return { remembered: true };
});
