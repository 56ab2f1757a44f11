import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import { db } from "@/lib/db";
import { apiRequest, routeContext, unique, userWithToken } from "@/test/api-fixtures";
import { resetMarkdownRenderer } from "@/lib/markdown/render-markdown";
import { GET as next } from "@/app/api/v1/projects/[slug]/next/route";

// A request from a script has no Origin; the route only checks it for cookie requests.
vi.mock("next/headers", async (importOriginal) => ({ ...(await importOriginal<object>()), headers: async () => new Headers() }));

/**
 * Issue 8, item 3: a 6 KB response of nested emphasis overflowed the markdown
 * pipeline's stack, so every `next?view=annotate` of the annotator holding it
 * was a 500, for ever (the held lease hands back the same item). Now it is a
 * 200 whose view shows that response as plain text with a note.
 */
const NESTED_EMPHASIS = "*".repeat(3000) + "a" + "*".repeat(3000);

let t: TestDb;
let annotator: { id: string; token: string };
let slug: string;

beforeAll(async () => {
  // Read when the first render starts the pool: a budget that no machine renders this input within.
  process.env.PW_MARKDOWN_TIMEOUT_MS = "200";
  t = await createTestDb();
  annotator = await userWithToken("reader");
  slug = `md-${unique()}`;
  const project = await db.project.create({ data: { slug, name: "Hostile markdown", status: "ACTIVE", overlap: 1 } });
  await db.membership.create({ data: { userId: annotator.id, projectId: project.id } });
  await db.item.create({ data: { projectId: project.id, externalId: "nested", prompt: "Which is better?", responseA: NESTED_EMPHASIS, responseB: "**fine**" } });
});
afterAll(async () => {
  await resetMarkdownRenderer();
  delete process.env.PW_MARKDOWN_TIMEOUT_MS;
  await t.cleanup();
});

type View = { item_id: string; swapped: boolean; left_html: string; right_html: string; prompt_turns: { html: string }[] };

async function nextView(): Promise<{ status: number; view: View }> {
  const response = await next(apiRequest(`/projects/${slug}/next?view=annotate`, { token: annotator.token }), routeContext({ slug }));
  const text = await response.text();
  expect(response.status, text.slice(0, 300)).toBe(200);
  return { status: response.status, view: (JSON.parse(text) as { view: View }).view };
}

describe("GET /projects/{slug}/next?view=annotate with a response the renderer cannot format", () => {
  it("answers 200 with that response as plain text and a note, the other formatted, again on every request", async () => {
    const { view } = await nextView();
    expect(view.item_id).toBe("nested");
    const [nestedHtml, fineHtml] = view.swapped ? [view.right_html, view.left_html] : [view.left_html, view.right_html];
    expect(nestedHtml.startsWith('<p class="pw-render-note text-xs text-gray-600">Shown as plain text: too long or complex to format.</p>')).toBe(true);
    expect(nestedHtml).toContain(`<pre class="pw-plain whitespace-pre-wrap">${NESTED_EMPHASIS}</pre>`);
    expect(fineHtml).toContain("fine");
    expect(view.prompt_turns[0]!.html).toContain("Which is better?");

    // The held lease brings the same item back: answered from the render cache, not re-parsed.
    const started = performance.now();
    const again = await nextView();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(again.view).toEqual(view);
  });
});
