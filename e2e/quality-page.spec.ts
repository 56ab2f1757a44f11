import { test, expect, fixtures, signInAs } from "./fixtures";

/**
 * The Quality page over judgments merged in through the REST import: two
 * outside annotators agree, a third always answers the opposite. The page
 * reads the project, ranks the contrarian last by reliability, and sorts
 * server-side from its column headers.
 */
test("the quality page reads the project and sorts its table", async ({ page, seedProject }) => {
  const f = fixtures();
  const slug = await seedProject({ overlap: 3 });
  const lines = [];
  for (let i = 1; i <= 6; i++) {
    const truth = i % 2 ? -2 : 2;
    lines.push({ item_id: `kb-${i}`, annotator: "ext-good-one", preference: truth });
    lines.push({ item_id: `kb-${i}`, annotator: "ext-good-two", preference: truth / 2 });
    lines.push({ item_id: `kb-${i}`, annotator: "ext-contrary", preference: -truth });
  }
  const imported = await page.context().request.post(`/api/v1/projects/${slug}/judgments/import`, {
    headers: { Authorization: `Bearer ${f.adminToken}`, "Content-Type": "application/x-ndjson" },
    data: lines.map((line) => JSON.stringify(line)).join("\n"),
  });
  expect(imported.status(), await imported.text()).toBe(200);

  await signInAs(page, f.users.admin);
  await page.goto(`/admin/projects/${slug}/quality`);
  const main = page.getByRole("main");
  await expect(main.getByRole("heading", { name: "Reading" })).toBeVisible();
  await expect(main).toContainText("No gold answers yet");
  await expect(page.getByRole("navigation", { name: "Project sections" }).getByRole("link", { name: "Quality" })).toHaveAttribute("aria-current", "page");

  const rows = main.getByRole("table", { name: "Quality per annotator" }).locator(":scope > tbody > tr");
  await expect(rows).toHaveCount(3);
  // Default order: reliability, highest first; the contrarian last.
  await expect(rows.last()).toContainText("ext-contrary");
  await expect(rows.first()).toContainText("6");

  await main.getByRole("link", { name: /^Annotator/ }).click();
  await expect(page).toHaveURL(/sort=annotator&dir=asc/);
  await expect(main.getByRole("columnheader", { name: /^Annotator/ })).toHaveAttribute("aria-sort", "ascending");
  await expect(rows.first()).toContainText("ext-contrary");
});
