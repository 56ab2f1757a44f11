import { test, expect, fixtures, signInAs } from "./fixtures";
import type { Page } from "@playwright/test";
import { shootBothWidths } from "./fixtures/screenshot";

/**
 * Issue 11, items 8 and 10: form errors in words beside their fields (marked
 * aria-invalid, described by the message, focused), a slug pattern current
 * Chromium accepts, and an import preview that refuses what the import refuses.
 */
function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  return problems;
}

test("the new-project form: a valid slug pattern, and server errors beside the field that take the focus", async ({ page }) => {
  const f = fixtures();
  const problems = watchConsole(page);
  await signInAs(page, f.users.lead);
  await page.goto("/admin/projects/new");
  const slug = page.getByLabel("Slug", { exact: true });
  // The browser compiles the pattern (v flag) and checks it: no console error, and a bad slug is caught.
  await slug.fill("Bad Slug");
  expect(await slug.evaluate((input: HTMLInputElement) => input.validity.patternMismatch)).toBe(true);
  await slug.fill("good-slug-2");
  expect(await slug.evaluate((input: HTMLInputElement) => input.validity.valid)).toBe(true);

  // A slug the browser allows but the server refuses: the message is beside the field, in words.
  await page.getByLabel("Name").fill("New");
  await slug.fill("new");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(slug).toHaveAttribute("aria-invalid", "true");
  await expect(slug).toBeFocused();
  const describedBy = (await slug.getAttribute("aria-describedby"))!.split(" ");
  await expect(page.locator(`[id="${describedBy[0]}"]`)).toHaveText(/This name is reserved; choose another/);
  const summary = page.getByRole("alert").filter({ hasText: "Check this field" });
  await expect(summary).toHaveText("Check this field: Slug: This name is reserved; choose another.");
  await shootBothWidths(page, "form-errors");

  // A slug already taken: the same place, and fixing it clears nothing else.
  await slug.fill("e2e-keyboard");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.locator(`[id="${describedBy[0]}"]`)).toHaveText(/The slug "e2e-keyboard" is taken; choose another/);
  await expect(slug).toBeFocused();
  expect(problems).toEqual([]);
});

test("settings: an attribute question whose max is not above its min is marked on its row", async ({ page, seedProject }) => {
  const f = fixtures();
  const slug = await seedProject();
  const problems = watchConsole(page);
  await signInAs(page, f.users.admin);
  await page.goto(`/admin/projects/${slug}/settings`);
  await page.getByRole("button", { name: "Add a question" }).click();
  const min = page.getByRole("spinbutton", { name: "Min", exact: true });
  const max = page.getByRole("spinbutton", { name: "Max", exact: true });
  await page.getByRole("textbox", { name: "Key", exact: true }).fill("helpful");
  await page.getByRole("textbox", { name: "Question", exact: true }).fill("How helpful?");
  await min.fill("5");
  await max.fill("1");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(min).toHaveAttribute("aria-invalid", "true");
  await expect(max).toHaveAttribute("aria-invalid", "true");
  await expect(min).toBeFocused();
  await expect(page.locator("#attribute-0-errors")).toHaveText("Max must be greater than min");
  await expect(page.getByRole("alert").filter({ hasText: "Check" })).toHaveText("Check this field: Attribute 1: Max must be greater than min.");
  await shootBothWidths(page, "form-errors-attribute");
  expect(problems).toEqual([]);
});

test("the import preview shows a gold value outside the scale as a bad line, with the import's message", async ({ page, seedProject }) => {
  const f = fixtures();
  const slug = await seedProject();
  await signInAs(page, f.users.admin);
  await page.goto(`/admin/projects/${slug}/import`);
  const lines = [
    { id: "g-1", prompt: "2 + 2?", response_a: "4", response_b: "5", gold_preference: -2 },
    { id: "g-2", prompt: "3 + 3?", response_a: "6", response_b: "7", gold_preference: 9 },
    { id: "kb-1", prompt: "again", response_a: "a", response_b: "b" },
  ];
  await page.getByLabel("File").setInputFiles({ name: "gold.jsonl", mimeType: "application/x-ndjson", buffer: Buffer.from(lines.map((l) => JSON.stringify(l)).join("\n") + "\n") });
  const preview = page.getByRole("table", { name: "Preview of the first rows" });
  const message = "gold_preference: 9 is outside the project's scale −3..3";
  await expect(preview.getByRole("row").nth(2)).toContainText(`Bad line: line 2: ${message}`);
  await expect(preview.getByRole("row").nth(3)).toContainText("already in the project: left unchanged");
  // The import says the same about the same line.
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Nothing was imported" })).toBeVisible();
  await expect(page.locator("#import-report")).toContainText(`line 2: ${message}`);
});

test("the export filters: a bad value is named in words beside its field, which has the focus", async ({ page, seedProject }) => {
  const f = fixtures();
  const slug = await seedProject();
  const problems = watchConsole(page);
  await signInAs(page, f.users.admin);
  await page.goto(`/admin/projects/${slug}/export?format=trl&min_agreement=1.5`);
  const field = page.getByLabel("Minimum agreement (0–1)");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toBeFocused();
  const describedBy = (await field.getAttribute("aria-describedby"))!.split(" ");
  await expect(page.locator(`[id="${describedBy[0]}"]`)).toHaveText(/Minimum agreement must be between 0 and 1/);
  await expect(page.getByRole("alert").filter({ hasText: "Check" })).toHaveText("Check this field: Minimum agreement must be between 0 and 1.");
  expect(problems).toEqual([]);
});
