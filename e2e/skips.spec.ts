import { test, expect, fixtures, signInAs } from "./fixtures";
import { shootBothWidths } from "./fixtures/screenshot";

/**
 * Issue 11, item 7: skip reasons are one click from the overview — a skips
 * view (reason, item, annotator, when) and a "skipped" filter on Items.
 */
test("the overview's skip count opens the skips view; the items list filters skipped items", async ({ page, browser, seedProject, baseURL }) => {
  const f = fixtures();
  const slug = await seedProject({ annotators: [f.users.annotator, f.users.annotator2] });

  // Two annotators skip kb-2 and kb-5 with their reasons (the annotation screen's own route, with their session).
  for (const [email, itemId, reason] of [
    [f.users.annotator, "kb-2", "Not my language"],
    [f.users.annotator2, "kb-5", "Needs a medical expert"],
  ] as const) {
    const context = await browser.newContext({ baseURL });
    const annotator = await context.newPage();
    await signInAs(annotator, email);
    const skipped = await context.request.post(`/api/v1/projects/${slug}/skips`, { headers: { Origin: baseURL! }, data: { item_id: itemId, reason } });
    expect(skipped.status(), await skipped.text()).toBe(201);
    await context.close();
  }

  await signInAs(page, f.users.admin);
  await page.goto(`/admin/projects/${slug}`);
  await page.getByRole("link", { name: /2 skips: see the reasons/ }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/projects/${slug}/skips$`));
  await expect(page.getByRole("heading", { name: /Skips \(2\)/ })).toBeVisible();
  const table = page.getByRole("table", { name: /Skips in/ });
  const rows = table.getByRole("row");
  await expect(rows).toHaveCount(3);
  // Newest first; the admin sees names.
  await expect(rows.nth(1)).toContainText("Needs a medical expert");
  await expect(rows.nth(1)).toContainText("kb-5");
  await expect(rows.nth(1)).toContainText("annotator2");
  await expect(rows.nth(2)).toContainText("Not my language");
  await expect(page.getByRole("navigation", { name: "Project sections" }).getByRole("link", { name: "Skips" })).toHaveAttribute("aria-current", "page");
  await shootBothWidths(page, "skips-view");

  // The item link opens the item's page.
  await rows.nth(1).getByRole("link", { name: "kb-5" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/projects/${slug}/items/kb-5$`));

  // Items: skipped by someone / never skipped.
  await page.goto(`/admin/projects/${slug}/items`);
  await page.getByLabel("Skipped").selectOption("true");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/skipped=true/);
  const items = page.getByRole("table", { name: /Items of/ });
  await expect(items.getByRole("link")).toHaveText(["kb-2", "kb-5"]);
  await page.getByLabel("Skipped").selectOption("false");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(items.getByRole("link")).toHaveText(["kb-1", "kb-3", "kb-4", "kb-6"]);
});

test("a lead sees annotators who are no longer members by pseudonym", async ({ page, browser, seedProject, baseURL }) => {
  const f = fixtures();
  const slug = await seedProject({ annotators: [f.users.annotator] });
  const headers = { Authorization: `Bearer ${f.adminToken}` };
  const lead = await page.request.post(`/api/v1/projects/${slug}/members`, { headers, data: { email: f.users.lead, role: "lead" } });
  expect(lead.ok(), await lead.text()).toBe(true);
  const context = await browser.newContext({ baseURL });
  const annotator = await context.newPage();
  await signInAs(annotator, f.users.annotator);
  expect((await context.request.post(`/api/v1/projects/${slug}/skips`, { headers: { Origin: baseURL! }, data: { item_id: "kb-1", reason: "Too long" } })).status()).toBe(201);
  await context.close();

  await signInAs(page, f.users.lead);
  await page.goto(`/admin/projects/${slug}/skips`);
  await expect(page.getByRole("table", { name: /Skips in/ })).toContainText("annotator");
  // The annotator leaves: the lead now sees a pseudonym, never the name or email.
  const members = (await (await page.request.get(`/api/v1/projects/${slug}/members`, { headers })).json()) as { members: { user_id: string; email: string }[] };
  const who = members.members.find((m) => m.email === f.users.annotator)!;
  expect((await page.request.delete(`/api/v1/projects/${slug}/members/${who.user_id}`, { headers })).ok()).toBe(true);
  await page.reload();
  const row = page.getByRole("table", { name: /Skips in/ }).getByRole("row").nth(1);
  await expect(row).toContainText("Too long");
  await expect(row).not.toContainText(f.users.annotator);
  await expect(row.getByRole("cell").nth(2)).not.toHaveText("annotator");
});
