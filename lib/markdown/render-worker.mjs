// @ts-check
/**
 * One markdown render thread (node:worker_threads), started by render-pool.ts.
 * Plain ESM outside the Next bundle, so it runs the same in `next start`,
 * Vitest and the bench. It says "ready" once the pipeline is loaded, so the
 * pool's time budget never counts module loading; then it answers one
 * `{ id, text }` at a time with `{ id, html }` or `{ id, error }`.
 */
import { parentPort } from "node:worker_threads";
import { renderMarkdownNow } from "./pipeline.mjs";

if (!parentPort) throw new Error("render-worker.mjs runs only as a worker thread");
const port = parentPort;

port.on("message", (/** @type {{ id: number; text: string }} */ { id, text }) => {
  try {
    port.postMessage({ id, html: renderMarkdownNow(text) });
  } catch (error) {
    // Deeply nested input overflows the stack of the unified pipeline: report, do not die.
    port.postMessage({ id, error: String(error instanceof Error ? error.message : error).slice(0, 200) });
  }
});
port.postMessage({ ready: true });
