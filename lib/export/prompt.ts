import type { ChatMessage, Prompt } from "./types";

/** True when the stored prompt is a chat transcript rather than a plain string. */
export function isChatPrompt(prompt: Prompt | unknown): prompt is ChatMessage[] {
  return Array.isArray(prompt);
}

/** The message list as TRL's conversational format wants it: only role and content. */
export function chatMessages(prompt: ChatMessage[]): ChatMessage[] {
  return prompt.map((message) => ({ role: String(message.role), content: String(message.content) }));
}

/**
 * A chat as one text prompt (prompt_format=text): each message as
 * "<role>: <content>", messages separated by a blank line.
 */
export function flattenChat(prompt: ChatMessage[]): string {
  return chatMessages(prompt)
    .map((message) => `${message.role}: ${message.content}`)
    .join("\n\n");
}
