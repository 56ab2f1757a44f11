import "server-only";

import { createHash } from "node:crypto";
import { escapeHtml } from "./pipeline.mjs";
import { readRenderBudget, type RenderBudget } from "./render-budget";
import { RenderCache } from "./render-cache";
import { RenderPool } from "./render-pool";

/**
 * Markdown to HTML for model outputs and guidelines, safe to inject with
 * dangerouslySetInnerHTML (the pipeline is lib/markdown/pipeline.mjs). Never
 * throws and never blocks the event loop: the parse runs on a worker thread
 * under the render budget (render-budget.ts); text over it comes back as
 * escaped plain text with a note. Results are cached by a hash of the text.
 */
export async function renderMarkdown(text: string): Promise<string> {
  const { budget, pool, cache, inFlight } = renderer();
  if (text.length > budget.maxChars) return renderFallback(text, "too long to format");
  const key = createHash("sha256").update(text).digest("base64url");
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  // Two requests for the same pair at once (prefetch and reload) share one render.
  const pending = inFlight.get(key);
  if (pending) return pending;
  const rendering = pool.render(text).then((outcome) => {
    inFlight.delete(key);
    if ("html" in outcome) {
      cache.set(key, outcome.html);
      return outcome.html;
    }
    if (outcome.failed === "busy") return renderFallback(text, "the server is busy, formatting skipped"); // not cached: it passes
    const html = renderFallback(text, "too long or complex to format");
    cache.set(key, html);
    return html;
  });
  inFlight.set(key, rendering);
  return rendering;
}

/** For projects that opt out of markdown: the text exactly as written, escaped. */
export function renderPlainText(text: string): string {
  const normalised = text.replace(/\r\n?/g, "\n");
  return `<pre class="pw-plain whitespace-pre-wrap">${escapeHtml(normalised)}</pre>`;
}

/** What a reader gets when the text is over the render budget: all of it, unformatted, and why. */
export function renderFallback(text: string, reason: string): string {
  return `<p class="pw-render-note text-xs text-gray-600">Shown as plain text: ${escapeHtml(reason)}.</p>${renderPlainText(text)}`;
}

type Renderer = { budget: RenderBudget; pool: RenderPool; cache: RenderCache; inFlight: Map<string, Promise<string>> };

// One per process, on globalThis so that dev-server reloads do not start more threads.
const globalForRenderer = globalThis as unknown as { pairwiseMarkdownRenderer?: Renderer };

function renderer(): Renderer {
  if (globalForRenderer.pairwiseMarkdownRenderer) return globalForRenderer.pairwiseMarkdownRenderer;
  let budget: RenderBudget;
  try {
    budget = readRenderBudget();
  } catch (error) {
    console.error(`${(error as Error).message} Using the defaults.`);
    budget = readRenderBudget({});
  }
  const created: Renderer = { budget, pool: new RenderPool(budget), cache: new RenderCache(32 * 1024 * 1024), inFlight: new Map() };
  globalForRenderer.pairwiseMarkdownRenderer = created;
  return created;
}

/** Stops the render threads and empties the cache (tests, and a bench run that changes the budget). */
export async function resetMarkdownRenderer(): Promise<void> {
  const current = globalForRenderer.pairwiseMarkdownRenderer;
  globalForRenderer.pairwiseMarkdownRenderer = undefined;
  await current?.pool.close();
}
