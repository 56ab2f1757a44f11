import { test, expect, fixtures, signInAs, exportRaw, closeGuidelines } from "./fixtures";

test("annotator judges three pairs by keyboard, undoes one, and the database holds exactly what was chosen", async ({ page, seedProject }) => {
  const f = fixtures();
  const slug = await seedProject({ annotators: [f.users.annotator] });
  await signInAs(page, f.users.annotator);
  await page.goto(`/projects/${slug}`);

  // Guidelines open on first entry; Escape closes them.
  await expect(page.getByRole("dialog", { name: "Guidelines" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog", { name: "Guidelines" })).toBeHidden();

  const responseA = page.getByRole("region", { name: "Response A" });
  const responseB = page.getByRole("region", { name: "Response B" });
  // What the annotator meant, in the item's own terms: read which answer is on the left.
  const intended: Record<string, number> = {};
  async function judge(key: string, displayValue: number) {
    const left = (await responseA.innerText()).match(/Answer ([AB])(\d+)/);
    expect(left, "left pane shows an answer").not.toBeNull();
    const itemId = `kb-${left![2]}`;
    const swapped = left![1] === "B";
    await page.keyboard.press(key);
    await expect(page.getByRole("radio", { checked: true })).toHaveCount(1);
    await page.keyboard.press("Enter");
    intended[itemId] = swapped && displayValue !== 0 ? -displayValue : displayValue;
    // The next pair replaces this one at once (it was prefetched).
    await expect(responseA).not.toContainText(`Answer ${left![1]}${left![2]}:`);
    return itemId;
  }

  await expect(responseA).toContainText("Answer");
  const first = await judge("1", -3); // "A much better" on screen
  await judge("7", 3); // "B much better"
  const third = await judge("5", 1); // "B slightly better"
  expect(Object.keys(intended)).toHaveLength(3);

  // Undo brings the third pair back with its choice; change it with the arrow keys.
  await page.keyboard.press("u");
  await expect(page.getByText("Changing your earlier judgment")).toBeVisible();
  await expect(page.getByRole("radio", { checked: true })).toContainText("B slightly better");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByRole("radio", { checked: true })).toContainText("A slightly better");
  const left = (await responseA.innerText()).match(/Answer ([AB])(\d+)/)!;
  expect(`kb-${left[2]}`).toBe(third);
  await page.keyboard.press("Enter");
  intended[third] = left[1] === "B" ? 1 : -1;
  await expect(page.getByText("Changing your earlier judgment")).toBeHidden();
  await expect(page.getByText("saving…")).toHaveCount(0);

  // The outbox sends the changed judgment in the background: wait until the database holds it.
  const stored = async () =>
    Object.fromEntries((await exportRaw(page.request, slug)).filter((l) => l.annotator === f.users.annotator).map((l) => [l.item_id, l.preference]));
  await expect.poll(stored, { timeout: 10_000 }).toEqual(intended);
  const lines = (await exportRaw(page.request, slug)).filter((l) => l.annotator === f.users.annotator);
  expect(lines).toHaveLength(3);
  expect(lines.find((l) => l.item_id === first)).toBeTruthy();
  // Both panes showed the pair; the right one holds the other answer of the same item.
  await expect(responseB).toContainText("Answer");
});

test("annotator who opens an admin URL is refused", async ({ page }) => {
  const f = fixtures();
  await signInAs(page, f.users.annotator);
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  // A project they are no member of answers like an unknown one.
  const api = await page.request.get(`/api/v1/projects/${f.projects.other}/next`);
  expect(api.status()).toBe(404);
});

test("responses holding <script> and <img onerror> show as text and run nothing", async ({ page }) => {
  const f = fixtures();
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await signInAs(page, f.users.annotator);
  await page.goto(`/projects/${f.projects.xss}`);
  await closeGuidelines(page);
  const panes = page.locator("[data-side]");
  await expect(panes.filter({ hasText: "<script>window.__pwned = 'a'" })).toHaveCount(1);
  await expect(panes.filter({ hasText: `<img src=x onerror="window.__pwned = 'b'">` })).toHaveCount(1);
  await expect(page.getByRole("region", { name: "Prompt" })).toContainText("<script>window.__pwned = 'prompt'</script>");
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(await page.locator("[data-side] script, [data-side] img").count()).toBe(0);
  expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
  await expect(page).not.toHaveTitle("PWNED");
  // Model names never reach the annotator.
  await expect(page.locator("body")).not.toContainText("secret-model");
  expect(dialogs).toEqual([]);
});

test("a judgment made while offline is kept, retried and stored once", async ({ page, context, seedProject }) => {
  const f = fixtures();
  const slug = await seedProject({ annotators: [f.users.annotator2] });
  await signInAs(page, f.users.annotator2);
  await page.goto(`/projects/${slug}`);
  await closeGuidelines(page);
  const left = page.getByRole("region", { name: "Response A" });
  await expect(left).toContainText("Answer");
  const shown = (await left.innerText()).match(/Answer ([AB])(\d+)/)!;
  await expect(page.getByText("saving…")).toHaveCount(0);
  await context.setOffline(true);
  await page.keyboard.press("2");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("alert").filter({ hasText: /offline/i })).toContainText("kept on this device");
  await expect(page.getByText("1 saving…")).toBeVisible();
  await context.setOffline(false);
  await page.getByRole("button", { name: "Retry now" }).click();
  await expect(page.getByText("saving…")).toHaveCount(0, { timeout: 15_000 });
  const lines = (await exportRaw(page.request, slug)).filter((l) => l.annotator === f.users.annotator2);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatchObject({ item_id: `kb-${shown[2]}`, preference: shown[1] === "B" ? 2 : -2 });
});

test("annotator skips a pair by keyboard with a reason, and the next pair appears", async ({ page, request, seedProject }) => {
  const f = fixtures();
  const slug = await seedProject({ annotators: [f.users.annotator2] });
  await signInAs(page, f.users.annotator2);
  await page.goto(`/projects/${slug}`);
  await closeGuidelines(page);
  const left = page.getByRole("region", { name: "Response A" });
  await expect(left).toContainText("Answer");
  const shown = (await left.innerText()).match(/Answer ([AB])(\d+)/)!;
  await page.keyboard.press("s");
  await expect(page.getByRole("dialog", { name: "Skip this pair" })).toBeVisible();
  const skipped = page.waitForResponse((r) => r.url().endsWith(`/api/v1/projects/${slug}/skips`) && r.request().method() === "POST");
  await page.keyboard.press("2");
  expect((await skipped).status()).toBe(201);
  await expect(page.getByRole("dialog", { name: "Skip this pair" })).toBeHidden();
  await expect(left).not.toContainText(`Answer ${shown[1]}${shown[2]}:`);
  // The digit that picked the reason chose nothing on the next pair.
  await expect(page.getByRole("radio", { checked: true })).toHaveCount(0);
  // The skip is stored: the project counts it, and the skipped item is never handed to this annotator again
  // (the project has six items, so there is always a next one to look at).
  const stats = await request.get(`/api/v1/projects/${slug}/stats`, { headers: { Authorization: `Bearer ${f.adminToken}` } });
  expect(stats.status()).toBe(200);
  expect(((await stats.json()) as { stats: { skips: number } }).stats.skips).toBe(1);
  const next = await page.request.get(`/api/v1/projects/${slug}/next`);
  expect(next.status()).toBe(200);
  expect(((await next.json()) as { item_id: string }).item_id).not.toBe(`kb-${shown[2]}`);
});
