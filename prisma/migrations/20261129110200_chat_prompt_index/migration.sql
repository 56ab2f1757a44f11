-- Whether a project holds any chat prompt (a trl export's prompt_format=auto,
-- lib/export/resolve-prompt-format.ts): an index over only the items whose
-- prompt is a chat, so the answer is one index probe instead of a scan of a
-- project's items when it has none (bench/plans/chat-prompt-exists.txt).
CREATE INDEX "Item_chat_prompt_idx" ON "Item" ("projectId") WHERE jsonb_typeof("prompt") = 'array';
