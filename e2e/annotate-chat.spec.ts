import { test, expect, fixtures, signInAs, closeGuidelines } from "./fixtures";
import { chatItem, keyboardItems } from "./fixtures/seed-project";

const SHOTS = process.env.PW_SHOTS_DIR ?? "/tmp/annot-shots";

test("a chat prompt opens on its last user turn; the earlier turns unfold and fold; the box scrolls by keyboard", async ({ page, seedProject }) => {
  const f = fixtures();
  const slug = await seedProject({ items: [chatItem()], annotators: [f.users.annotator] });
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInAs(page, f.users.annotator);
  await page.goto(`/projects/${slug}`);
  await closeGuidelines(page);

  const box = page.getByRole("region", { name: "Prompt: a chat of 4 turns" });
  const lastTurn = box.getByText("My password is Tulip2291");
  await expect(lastTurn).toBeInViewport();
  await expect(box.getByText("the turn both responses answer")).toBeVisible();
  // The earlier turns (system message included) are folded.
  await expect(box.getByText("Never ask customers for their password")).toBeHidden();
  await page.screenshot({ path: `${SHOTS}/chat-folded-1440.png` });

  const toggle = box.getByRole("button", { name: "Show 3 earlier turns" });
  await toggle.click();
  await expect(box.getByText("Never ask customers for their password")).toBeVisible();
  await expect(box.getByRole("button", { name: "Hide 3 earlier turns" })).toHaveAttribute("aria-expanded", "true");

  // Reachable by keyboard, with a visible focus ring, and scrolled by PageDown / arrows while focused.
  // The box is the next tab stop after the Guidelines button.
  await page.getByRole("button", { name: /Guidelines/ }).focus();
  await page.keyboard.press("Tab");
  await expect(box).toBeFocused();
  expect(await box.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe("none");
  expect(await box.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
  expect(await box.evaluate((el) => el.scrollTop)).toBe(0);
  // Each key scrolls down from where the last one stopped (scrolling may be smooth: wait for it to settle).
  const settled = async () => {
    let last = -1;
    for (;;) {
      const now = await box.evaluate((el) => el.scrollTop);
      if (now === last) return now;
      last = now;
      await page.waitForTimeout(100);
    }
  };
  await page.keyboard.press("ArrowDown");
  await expect.poll(() => box.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  const afterArrow = await settled();
  const bottom = await box.evaluate((el) => el.scrollHeight - el.clientHeight);
  expect(afterArrow, "one arrow step does not reach the end").toBeLessThan(bottom);
  await page.keyboard.press("PageDown");
  await expect.poll(() => box.evaluate((el) => el.scrollTop)).toBeGreaterThan(afterArrow);
  // Scrolling took no annotation key: nothing is chosen yet, and a digit still chooses.
  await expect(page.getByRole("radio", { checked: true })).toHaveCount(0);
  await page.keyboard.press("4");
  await expect(page.getByRole("radio", { checked: true })).toContainText("Tie");
  await page.screenshot({ path: `${SHOTS}/chat-expanded-1440.png` });

  await box.getByRole("button", { name: "Hide 3 earlier turns" }).click();
  await expect(box.getByText("Never ask customers for their password")).toBeHidden();
  await expect(lastTurn).toBeVisible();

  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(lastTurn).toBeInViewport();
  await page.screenshot({ path: `${SHOTS}/chat-folded-390.png` });
});

test("a text prompt shows as before: no fold, one turn, no role label", async ({ page, seedProject }) => {
  const f = fixtures();
  const slug = await seedProject({ items: keyboardItems(1), annotators: [f.users.annotator] });
  await signInAs(page, f.users.annotator);
  await page.goto(`/projects/${slug}`);
  await closeGuidelines(page);
  const box = page.getByRole("region", { name: "Prompt", exact: true });
  await expect(box).toContainText("Question number 1");
  await expect(box.getByRole("button")).toHaveCount(0);
  await expect(box.getByText("User", { exact: true })).toHaveCount(0);
});
