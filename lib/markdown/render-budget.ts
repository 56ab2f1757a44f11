import os from "node:os";
import { z } from "zod";

/**
 * How much work one markdown render may cost (README, "Render budget"). Model
 * output is untrusted and remark's parser has inputs that take seconds per
 * kilobyte, so every render runs on a worker thread under a time budget, and
 * text beyond the size budget is not parsed at all. Over budget, the text is
 * shown escaped in a <pre> with a note.
 */
export type RenderBudget = {
  /** Render threads (PW_MARKDOWN_WORKERS). */
  workers: number;
  /** Wall-clock budget of one render on its thread (PW_MARKDOWN_TIMEOUT_MS); past it the thread is replaced. */
  timeoutMs: number;
  /** Longer text is shown as plain text without parsing: guidelines may be 200 KB, responses 100,000 characters. */
  maxChars: number;
  /** Renders waiting for a thread; more are shown as plain text (not cached) rather than queued for ever. */
  maxQueued: number;
};

const DEFAULT_WORKERS = Math.min(2, Math.max(1, os.availableParallelism() - 1));
const DEFAULT_TIMEOUT_MS = 2000;

const renderEnv = z.object({
  PW_MARKDOWN_WORKERS: z.coerce.number().int().min(1).max(16).default(DEFAULT_WORKERS),
  PW_MARKDOWN_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(DEFAULT_TIMEOUT_MS),
});

/** Reads the budget from the environment; an invalid value throws a message naming the variable and what to set. */
export function readRenderBudget(env: Record<string, string | undefined> = process.env): RenderBudget {
  const parsed = renderEnv.safeParse({
    PW_MARKDOWN_WORKERS: env.PW_MARKDOWN_WORKERS || undefined,
    PW_MARKDOWN_TIMEOUT_MS: env.PW_MARKDOWN_TIMEOUT_MS || undefined,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    const range = name === "PW_MARKDOWN_WORKERS" ? "an integer from 1 to 16" : "milliseconds, an integer from 50 to 60000";
    throw new Error(`${name} must be ${range} (got ${JSON.stringify(env[name])}).`);
  }
  return { workers: parsed.data.PW_MARKDOWN_WORKERS, timeoutMs: parsed.data.PW_MARKDOWN_TIMEOUT_MS, maxChars: 200_000, maxQueued: 500 };
}
