import { test, expect, fixtures, signInAs, exportRaw, closeGuidelines } from "./fixtures";

/**
 * The one-request flow (issue 13): after the first pairs, each judgment is one
 * POST whose answer carries the next pair (`next: true`), and no GET …/next
 * goes out between judgments, while the prefetched pair still replaces the
 * judged one at once.
 */
test("each judgment is one POST that brings the next pair; no GET …/next between judgments", async ({ page, seedProject }) => {
  const f = fixtures();
  const slug = await seedProject({ annotators: [f.users.annotator] });
  const calls: { method: string; path: string; body: Record<string, unknown> | null }[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (!url.pathname.startsWith(`/api/v1/projects/${slug}/`)) return;
    calls.push({ method: request.method(), path: url.pathname.slice(`/api/v1/projects/${slug}`.length), body: request.postDataJSON() as Record<string, unknown> | null });
  });
  let nextAnswered = 0;
  page.on("response", (response) => {
    if (new URL(response.url()).pathname === `/api/v1/projects/${slug}/next`) nextAnswered++;
  });
  await signInAs(page, f.users.annotator);
  await page.goto(`/projects/${slug}`);
  await closeGuidelines(page);

  const responseA = page.getByRole("region", { name: "Response A" });
  await expect(responseA).toContainText("Answer");
  // The first pair and its prefetch come from GET …/next.
  await expect.poll(() => nextAnswered).toBe(2);
  expect(calls.filter((c) => c.path === "/next")).toHaveLength(2);
  const start = calls.length;

  const judged: string[] = [];
  for (let i = 0; i < 4; i++) {
    const left = (await responseA.innerText()).match(/Answer ([AB])(\d+)/)!;
    judged.push(`kb-${left[2]}`);
    await page.keyboard.press("1");
    await page.keyboard.press("Enter");
    // The prefetched pair is on screen at once, before the POST has answered.
    await expect(responseA).not.toContainText(`Answer ${left[1]}${left[2]}:`);
    await expect(responseA).toContainText("Answer");
    // Wait for this judgment's POST to be answered before the next one, so each brings its pair.
    await expect(page.getByText("saving…")).toHaveCount(0);
    await expect.poll(() => calls.filter((c) => c.method === "POST").length).toBe(i + 1);
  }

  const between = calls.slice(start);
  expect(between.map((c) => `${c.method} ${c.path}`)).toEqual(Array.from({ length: 4 }, () => "POST /judgments"));
  for (const call of between) expect(call.body).toMatchObject({ next: true, view: "annotate" });
  // Each POST tells the server which ids are on screen (the prefetched pair among them).
  for (const call of between) expect((call.body?.exclude as string[]).length).toBeGreaterThan(0);

  const stored = (await exportRaw(page.request, slug)).filter((l) => l.annotator === f.users.annotator).map((l) => l.item_id);
  expect(stored.sort()).toEqual([...judged].sort());
  expect(new Set(judged).size).toBe(4);
});
