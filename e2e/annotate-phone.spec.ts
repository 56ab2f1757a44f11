import { test, expect, fixtures, signInAs, closeGuidelines } from "./fixtures";
import { chatItem } from "./fixtures/seed-project";

const SHOTS = process.env.PW_SHOTS_DIR ?? "/tmp/annot-shots";

test.describe("on a phone (390×844, touch)", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("A/B tabs, no key hints, a compact bar, short labels, and each new pair opens at the top", async ({ page, seedProject }) => {
    const f = fixtures();
    const slug = await seedProject({ items: [chatItem("chat-1"), chatItem("chat-2"), chatItem("chat-3")], overlap: 1, annotators: [f.users.annotator] });
    await signInAs(page, f.users.annotator);
    await page.goto(`/projects/${slug}`);
    await closeGuidelines(page);
    await expect(page.getByRole("region", { name: "Response A" })).toContainText("Answer");

    const tabA = page.getByRole("tab", { name: "Response A" });
    const tabB = page.getByRole("tab", { name: "Response B" });
    const regionA = page.getByRole("region", { name: "Response A" });
    const regionB = page.getByRole("region", { name: "Response B" });
    await expect(tabA).toHaveAttribute("aria-selected", "true");
    await expect(regionA).toBeVisible();
    await expect(regionB).toBeHidden();
    await expect(page.getByTestId("progress-line")).toContainText("3 left for you");

    // No key hints anywhere on the screen, and the rationale's placeholder names no keys.
    await expect(page.locator("#annotate-pair kbd").first()).toBeAttached();
    for (const kbd of await page.locator("#annotate-pair kbd").all()) await expect(kbd).toBeHidden();
    await expect(page.getByRole("textbox", { name: /Rationale/ })).toHaveAttribute("placeholder", "Why? (optional)");

    // The judge bar: one row of two-line choices, and well under a fifth of the screen.
    const bar = page.getByTestId("judge-bar");
    const barBox = (await bar.boundingBox())!;
    console.log(`judge bar on a 390×844 phone: ${Math.round(barBox.height)} px = ${((barBox.height / 844) * 100).toFixed(1)}% of the height`);
    expect(barBox.height).toBeLessThan(0.2 * 844);
    const radios = page.getByRole("radio");
    const tops = new Set(await radios.evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top))));
    expect(tops.size).toBe(1);
    // What shows (innerText: hidden parts left out) is the side over a plain word.
    const shown = (name: string) => page.getByRole("radio", { name }).evaluate((el) => (el as HTMLElement).innerText.replace(/\s+/g, " ").trim());
    expect(await shown("A much better")).toBe("A much");
    expect(await shown("B slightly better")).toBe("B a bit");
    expect(await shown("Tie")).toBe("Tie");
    await page.screenshot({ path: `${SHOTS}/phone-open-390.png` });

    const text = await regionA.innerText();
    // Scroll deep into the page; the tabs stay at hand and B is one tap away.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await expect(tabB).toBeInViewport();
    await tabB.tap();
    await expect(regionB).toBeVisible();
    await expect(regionA).toBeHidden();
    await expect(regionB.getByRole("heading", { name: "Response B" })).toBeInViewport();
    await page.screenshot({ path: `${SHOTS}/phone-tab-b-390.png` });
    await tabA.tap();
    await expect(regionA).toBeVisible();
    expect(await regionA.innerText()).toBe(text);

    // Choose by tapping, submit from scrolled down: the next pair opens at the top, on A.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    await page.getByRole("radio", { name: "A slightly better" }).tap();
    await page.getByRole("button", { name: "Submit" }).tap();
    await expect(regionA).not.toHaveText(text);
    await expect(page.getByTestId("progress-line")).toContainText("2 left for you");
    await expect(page.getByTestId("progress-line")).toContainText("1 judged this session");
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await expect(page.getByRole("region", { name: /^Prompt/ })).toBeInViewport();
    await expect(tabA).toHaveAttribute("aria-selected", "true");
    await page.screenshot({ path: `${SHOTS}/phone-next-390.png` });
  });
});

test("on a desktop both responses stand side by side, hints show, and a new pair's panes start at the top", async ({ page, seedProject }) => {
  const f = fixtures();
  const slug = await seedProject({ items: [chatItem("chat-1"), chatItem("chat-2")], overlap: 1, annotators: [f.users.annotator] });
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInAs(page, f.users.annotator);
  await page.goto(`/projects/${slug}`);
  await closeGuidelines(page);
  await expect(page.getByRole("tablist", { name: "Show response" })).toBeHidden();
  const regionA = page.getByRole("region", { name: "Response A" });
  await expect(regionA).toBeVisible();
  await expect(page.getByRole("region", { name: "Response B" })).toBeVisible();
  await expect(page.getByRole("radio", { name: "A much better" }).locator("kbd")).toBeVisible();
  await expect(page.getByRole("radio", { name: "A much better" })).toContainText("A much better");

  // Scroll the long response down, submit: the next pair's panes are at the top.
  const longPane = page.locator("[data-side] > div").filter({ hasText: "End of answer A." });
  await longPane.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  expect(await longPane.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  const first = await regionA.innerText();
  await page.keyboard.press("4");
  await page.keyboard.press("Enter");
  await expect(regionA).not.toHaveText(first);
  for (const pane of await page.locator("[data-side] > div").all()) expect(await pane.evaluate((el) => el.scrollTop)).toBe(0);
  await page.screenshot({ path: `${SHOTS}/desktop-next-1440.png` });
});
