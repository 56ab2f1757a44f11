import "server-only";
import type { Actor } from "@/lib/permissions";
import { bumpSessionVersion } from "./session-version";

/**
 * Ends every session of the actor, on every device, this one included
 * (the browser is sent to the sign-in page). API tokens are left alone:
 * they are revoked one by one on the same page.
 */
export async function signOutEverywhere(options: { actor: Actor }): Promise<void> {
  await bumpSessionVersion(options.actor.id);
}
