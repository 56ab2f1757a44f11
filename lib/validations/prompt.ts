import { z } from "zod";

export const chatMessageSchema = z.object({
  role: z.enum(["system", "user", "assistant"]),
  content: z.string(),
});

/** A chat transcript whose last message is the user's (formats.md). */
export const chatPromptSchema = z
  .array(chatMessageSchema)
  .min(1, "a chat prompt needs at least one message")
  .refine((messages) => messages[messages.length - 1]?.role === "user", "the last message of a chat prompt must be the user's");

export type ChatPrompt = z.infer<typeof chatPromptSchema>;
