import { z } from "zod";

/** A name says what the token is for ("training pipeline", "laptop script"), so its owner knows what revoking breaks. */
export const apiTokenName = z.string().trim().min(1, "give the token a name").max(100, "use at most 100 characters");

export const createApiTokenInput = z.object({ name: apiTokenName });
export type CreateApiTokenInput = z.infer<typeof createApiTokenInput>;

export const revokeApiTokenInput = z.object({ tokenId: z.string().min(1).max(100) });
export type RevokeApiTokenInput = z.infer<typeof revokeApiTokenInput>;
