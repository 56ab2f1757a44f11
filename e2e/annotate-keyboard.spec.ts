import { test, expect, fixtures, signInAs, closeGuidelines } from "./fixtures";

test("arrows start from the tie and move toward the side they point to", async ({ page, seedProject }) => {
  const f = fixtures();
  const slug = await seedProject({ annotators: [f.users.annotator] });
  await signInAs(page, f.users.annotator);
  await page.goto(`/projects/${slug}`);
  await closeGuidelines(page);
  await expect(page.getByRole("region", { name: "Response A" })).toContainText("Answer");
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByRole("radio", { checked: true })).toContainText("Tie");
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByRole("radio", { checked: true })).toContainText("A slightly better");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("radio", { checked: true })).toContainText("B slightly better");
});

test("R focuses the rationale, a submit returns focus to the pair, a refusal names this scale's keys", async ({ page, seedProject }) => {
  const f = fixtures();
  const slug = await seedProject({ annotators: [f.users.annotator] });
  await signInAs(page, f.users.annotator);
  await page.goto(`/projects/${slug}`);
  await closeGuidelines(page);
  const responseA = page.getByRole("region", { name: "Response A" });
  await expect(responseA).toContainText("Answer");
  await expect(page.getByRole("main")).toHaveCount(1);

  await page.keyboard.press("Enter");
  await expect(page.getByText("keys 1–7")).toBeVisible();

  await page.keyboard.press("4");
  await page.keyboard.press("r");
  const rationale = page.getByRole("textbox", { name: /Rationale/ });
  await expect(rationale).toBeFocused();
  const before = await responseA.innerText();
  await page.keyboard.type("equal");
  await page.keyboard.press("Enter");
  await expect(responseA).not.toHaveText(before);
  await expect(rationale).not.toBeFocused();
  await expect(rationale).toHaveValue("");
  await page.keyboard.press("1");
  await expect(page.getByRole("radio", { checked: true })).toContainText("A much better");
  await expect(rationale).toHaveValue("");

  for (const [w, h] of [[1440, 900], [390, 844]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `/tmp/kbd-shots/keyboard-${w}.png` });
  }
});

test("a favicon is served on every page", async ({ request }) => {
  const response = await request.get("/favicon.ico");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/icon/);
});
