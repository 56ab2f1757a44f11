import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { hashApiToken } from "./token-hash";

const TOUCH_INTERVAL_MS = 60_000;

/** The owner's user id for a live token; revoked or unknown tokens are refused at once. */
export async function authenticateApiToken(token: string): Promise<string> {
  const found = await db.apiToken.findUnique({
    where: { tokenHash: hashApiToken(token) },
    select: { id: true, userId: true, revokedAt: true, lastUsedAt: true },
  });
  if (!found || found.revokedAt) throw new AppError("unauthorized", "This API token is unknown or revoked.");
  // Record use at most once a minute, so a busy script does not write on every call.
  if (!found.lastUsedAt || Date.now() - found.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.apiToken.update({ where: { id: found.id }, data: { lastUsedAt: new Date() } });
  }
  return found.userId;
}
