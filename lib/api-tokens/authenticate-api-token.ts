import { actorFromApiToken } from "./actor-from-api-token";

/** The owner's user id for a live token of an enabled user; revoked or unknown tokens are refused at once. */
export async function authenticateApiToken(token: string): Promise<string> {
  return (await actorFromApiToken(token)).id;
}
