import { afterAll, describe, expect, it } from "vitest";
import { readRenderBudget } from "./render-budget";
import { renderMarkdown, resetMarkdownRenderer } from "./render-markdown";

/**
 * Hostile markdown (issue 8, item 3): remark takes seconds on some inputs and
 * overflows its stack on deep nesting. renderMarkdown must neither throw nor
 * hold the event loop; over budget, the reader gets the text as plain text.
 */
const NESTED_EMPHASIS = "*".repeat(3000) + "a" + "*".repeat(3000); // 6 KB: a stack overflow in the pipeline
const QUADRATIC_EMPHASIS = "*a".repeat(20_000); // 40 KB: seconds of parsing

const FALLBACK = /^<p class="pw-render-note[^"]*">Shown as plain text: [^<]+\.<\/p><pre class="pw-plain whitespace-pre-wrap">/;

afterAll(async () => {
  await resetMarkdownRenderer();
});

/** Runs `work` while a 10 ms timer ticks on this thread; returns the longest gap between ticks beyond 10 ms. */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last - 10);
    last = now;
  }, 10);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return Math.max(longest, performance.now() - last - 10);
}

describe("renderMarkdown under hostile input", () => {
  it("answers deeply nested emphasis instead of throwing: formatted if it fits the budget, else plain text", async () => {
    const html = await renderMarkdown(NESTED_EMPHASIS);
    // Which one depends on the machine's speed; a stack overflow (the bug) is neither.
    const isFallback = FALLBACK.test(html) && html.includes(NESTED_EMPHASIS);
    expect(isFallback || html.startsWith("<p><strong><strong>"), html.slice(0, 200)).toBe(true);
  });

  it("keeps the event loop free while a pathological text renders", async () => {
    let html = "";
    const stall = await longestStall(async () => {
      html = await renderMarkdown(QUADRATIC_EMPHASIS + "\n\nfresh");
    });
    expect(stall).toBeLessThan(200);
    expect(html.length).toBeGreaterThan(QUADRATIC_EMPHASIS.length);
  });

  it("renders each text once: the second request for an over-budget text is answered from the cache", async () => {
    const text = "*a".repeat(30_000) + "\n\nonce";
    const first = await renderMarkdown(text);
    const started = performance.now();
    const second = await renderMarkdown(text);
    expect(performance.now() - started).toBeLessThan(100);
    expect(second).toBe(first);
  });

  it("shows text beyond the size budget as plain text, escaped, without parsing it", async () => {
    const text = `<script>alert(1)</script> **not bold** ${"x".repeat(readRenderBudget().maxChars)}`;
    const html = await renderMarkdown(text);
    expect(html).toMatch(FALLBACK);
    expect(html).toContain("too long to format");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; **not bold**");
    expect(html).not.toMatch(/<script|<strong/);
  });

  it("still renders ordinary markdown after a render thread was replaced", async () => {
    await renderMarkdown("*".repeat(2500) + "b" + "*".repeat(2500)); // times out or fails: its thread goes
    const results = await Promise.all(["**one**", "`two`", "- three"].map((text) => renderMarkdown(text)));
    expect(results).toEqual(["<p><strong>one</strong></p>", "<p><code>two</code></p>", "<ul>\n<li>three</li>\n</ul>"]);
  });
});

describe("readRenderBudget", () => {
  it("reads the two variables and names a bad one with what to set", () => {
    expect(readRenderBudget({ PW_MARKDOWN_WORKERS: "3", PW_MARKDOWN_TIMEOUT_MS: "750" })).toMatchObject({ workers: 3, timeoutMs: 750 });
    expect(readRenderBudget({}).timeoutMs).toBe(2000);
    expect(() => readRenderBudget({ PW_MARKDOWN_WORKERS: "0" })).toThrow(/PW_MARKDOWN_WORKERS must be an integer from 1 to 16 \(got "0"\)/);
    expect(() => readRenderBudget({ PW_MARKDOWN_TIMEOUT_MS: "fast" })).toThrow(/PW_MARKDOWN_TIMEOUT_MS must be milliseconds/);
  });
});
