import type { ChatMessage, Prompt } from "./types";

/** True when the stored prompt is a chat transcript rather than a plain string. */
export function isChatPrompt(prompt: Prompt | unknown): prompt is ChatMessage[] {
  return Array.isArray(prompt);
}

/** The message list as TRL's conversational format wants it: only role and content. */
export function chatMessages(prompt: ChatMessage[]): ChatMessage[] {
  return prompt.map((message) => ({ role: String(message.role), content: String(message.content) }));
}
