import { createHash, randomBytes } from "node:crypto";

/** Tokens are `pw_` + 32 random bytes; only their SHA-256 is stored. */
export function generateApiToken(): { token: string; hash: string; prefix: string } {
  const token = `pw_${randomBytes(32).toString("base64url")}`;
  return { token, hash: hashApiToken(token), prefix: token.slice(0, 10) };
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
