import { db } from "@/lib/db";
import type { PromptFormat } from "./types";

/**
 * The prompt form every line of a trl export gets: prompt_format=text or
 * chat as asked; auto is chat when any item of the project has a chat
 * prompt (whatever the filters, so every export of one project has the
 * same form and files combine), else text.
 *
 * @internal caller has checked access
 */
export async function resolvePromptFormat(projectId: string, promptFormat: PromptFormat = "auto"): Promise<"text" | "chat"> {
  if (promptFormat !== "auto") return promptFormat;
  const rows = await db.$queryRawUnsafe<{ chat: boolean }[]>(
    `SELECT EXISTS (SELECT 1 FROM "Item" WHERE "projectId" = $1 AND jsonb_typeof("prompt") = 'array') AS "chat"`,
    projectId,
  );
  return rows[0]?.chat === true ? "chat" : "text";
}
