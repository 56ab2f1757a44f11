import { test, expect, fixtures, signInAs, closeGuidelines } from "./fixtures";
import { keyboardItems } from "./fixtures/seed-project";

const SHOTS = process.env.PW_SHOTS_DIR ?? "/tmp/annot-shots";

test("'N left for you' counts down, the session count survives a reload, and a skip reads 'done — 1 skipped' on both screens", async ({ page, seedProject }) => {
  const f = fixtures();
  const slug = await seedProject({ items: keyboardItems(3), overlap: 1, annotators: [f.users.annotator] });
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInAs(page, f.users.annotator);

  await page.goto("/projects");
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: `E2E ${slug}` }) });
  await expect(card.getByTestId("my-progress")).toHaveText("3 left for you");

  await page.goto(`/projects/${slug}`);
  await closeGuidelines(page);
  const line = page.getByTestId("progress-line");
  await expect(line).toContainText("0 judged this session · 3 left for you");
  const responseA = page.getByRole("region", { name: "Response A" });
  await expect(responseA).toContainText("Answer");

  const saved = () => page.waitForResponse((r) => r.url().includes(`/api/v1/projects/${slug}/judgments`) && r.request().method() === "POST");
  let stored = saved();
  await page.keyboard.press("1");
  await page.keyboard.press("Enter");
  await expect(line).toContainText("1 judged this session · 2 left for you");
  expect((await stored).status()).toBe(201);

  // A reload is the same session: the count goes on, and what is left is counted again on the server.
  await page.reload();
  await expect(line).toContainText("1 judged this session · 2 left for you");
  await expect(responseA).toContainText("Answer");

  stored = saved();
  await page.keyboard.press("7");
  await page.keyboard.press("Enter");
  await expect(line).toContainText("2 judged this session · 1 left for you");
  expect((await stored).status()).toBe(201);

  const skipped = page.waitForResponse((r) => r.url().endsWith(`/api/v1/projects/${slug}/skips`) && r.request().method() === "POST");
  await page.keyboard.press("s");
  await page.keyboard.press("1");
  expect((await skipped).status()).toBe(201);
  await expect(page.getByRole("heading", { name: "All done here" })).toBeVisible();
  await expect(page.getByTestId("done-status")).toHaveText("Your part: done — 1 skipped");
  await expect(page.getByText("You judged 2 pairs this session")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/done-1440.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/done-390.png` });

  // After a reload the done screen still says it, from the server's count.
  await page.reload();
  await expect(page.getByTestId("done-status")).toHaveText("Your part: done — 1 skipped");

  await page.getByRole("link", { name: "My projects" }).last().click();
  await expect(page).toHaveURL(/\/projects$/);
  await expect(card.getByTestId("my-progress")).toHaveText("done — 1 skipped");
  await expect(card).toContainText("You have judged 2 of 3 pairs");
  await page.screenshot({ path: `${SHOTS}/my-projects-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: `${SHOTS}/my-projects-1440.png` });
});
