import { test, expect, fixtures, signInAs } from "./fixtures";

/**
 * The whole campaign from the browser: a lead creates a project, imports a
 * file (bad line refused, then skipped), invites an annotator by link; the
 * annotator joins in a second browser and judges; the lead sees it on the
 * progress page.
 */
test("lead creates a project, imports pairs, invites an annotator who joins and judges, and sees the progress move", async ({ page, browser }) => {
  const f = fixtures();
  const run = Date.now().toString(36);
  const name = `Campaign ${run}`;
  const slug = `campaign-${run}`;
  await signInAs(page, f.users.lead);

  // Create: the slug follows the name; the project starts active so annotators get pairs at once.
  await page.goto("/admin");
  await page.getByRole("link", { name: "New project" }).click();
  await expect(page.getByRole("heading", { name: "New project" })).toBeVisible();
  await page.getByLabel("Name").fill(name);
  await expect(page.getByLabel("Slug")).toHaveValue(slug);
  // The guidelines preview is rendered on the server as you type.
  await page.getByLabel("Guidelines (markdown)").fill("# Be fair\n\nPick the **better** answer.");
  await expect(page.getByRole("region", { name: "Preview" }).getByRole("heading", { name: "Be fair" })).toBeVisible();
  await page.getByRole("radio", { name: /^active/ }).check();
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/projects/${slug}$`));
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  // Import: one bad line stops the whole file until "Skip bad lines" is ticked.
  await page.getByRole("navigation", { name: "Project sections" }).getByRole("link", { name: "Import" }).click();
  const lines = [
    { id: "c-1", prompt: "What is 2 + 2?", response_a: "Answer A1: 4", response_b: "Answer B1: 5" },
    { id: "c-2", prompt: "Capital of France?", response_b: "Answer B2: Paris" },
    { id: "c-3", prompt: "Colour of the sky?", response_a: "Answer A3: blue", response_b: "Answer B3: green" },
    { id: "c-4", prompt: "Largest planet?", response_a: "Answer A4: Jupiter", response_b: "Answer B4: Mars" },
  ];
  await page.getByLabel("File").setInputFiles({
    name: "pairs.jsonl",
    mimeType: "application/x-ndjson",
    buffer: Buffer.from(lines.map((line) => JSON.stringify(line)).join("\n") + "\n"),
  });
  const preview = page.getByRole("table", { name: "Preview of the first rows" });
  await expect(preview.getByRole("row")).toHaveCount(5);
  await expect(preview).toContainText("line 2: response_a");
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Nothing was imported" })).toBeVisible();
  await expect(page.locator("#import-report")).toContainText("line 2: response_a");
  await page.getByLabel("Skip bad lines").check();
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Import finished" })).toBeVisible();
  const report = page.locator("#import-report");
  await expect(report.getByRole("definition").first()).toHaveText("3");
  await expect(report).toContainText("line 2: response_a");

  // Invite: a link for one person, copied from the members page.
  await page.getByRole("navigation", { name: "Project sections" }).getByRole("link", { name: "Members" }).click();
  await page.getByLabel("Uses").fill("1");
  await page.getByRole("button", { name: "Create invite link" }).click();
  const linkField = page.getByLabel("New invite link");
  await expect(linkField).toHaveValue(/\/join\/[A-Za-z0-9_-]{22,}$/);
  const inviteUrl = new URL(await linkField.inputValue());
  await expect(page.getByRole("table", { name: "Invite links" })).toContainText("works");

  // The annotator joins in their own browser, with a new account, and judges one pair.
  const annotatorContext = await browser.newContext();
  try {
    const annotator = await annotatorContext.newPage();
    const email = `joiner-${run}@e2e.test`;
    await annotator.goto(inviteUrl.pathname);
    await expect(annotator.getByRole("heading", { name: `Join “${name}”` })).toBeVisible();
    await annotator.getByLabel("Your name").fill(`Joiner ${run}`);
    await annotator.getByLabel("Email").fill(email);
    await annotator.getByLabel("Password").fill("joiner-password-123");
    await annotator.getByRole("button", { name: "Create account and join" }).click();
    await expect(annotator).toHaveURL(new RegExp(`/projects/${slug}$`));
    await expect(annotator.getByRole("dialog", { name: "Guidelines" })).toBeVisible();
    await expect(annotator.getByRole("dialog", { name: "Guidelines" })).toContainText("Pick the better answer.");
    await annotator.keyboard.press("Escape");
    await expect(annotator.getByRole("region", { name: "Response A" })).toContainText("Answer");
    await annotator.keyboard.press("1");
    await expect(annotator.getByRole("radio", { checked: true })).toHaveCount(1);
    await annotator.keyboard.press("Enter");
    await expect(annotator.getByText("1 judged this session")).toBeVisible();
    await expect(annotator.getByText("saving…")).toHaveCount(0);
  } finally {
    await annotatorContext.close();
  }

  // The lead sees the judgment: the invite is used up, the annotator is on the progress page, active now.
  await page.reload();
  await expect(page.getByRole("table", { name: "Invite links" })).toContainText("used up");
  await expect(page.getByRole("table", { name: "Members of the project" })).toContainText(`Joiner ${run}`);
  await page.getByRole("navigation", { name: "Project sections" }).getByRole("link", { name: "Progress" }).click();
  const perAnnotator = page.getByRole("table", { name: "Work per annotator" });
  const row = perAnnotator.getByRole("row").filter({ hasText: `Joiner ${run}` });
  await expect(row.getByRole("cell").nth(1)).toHaveText("1");
  await expect(page.getByRole("region", { name: /Active now/ })).toContainText(`Joiner ${run}`);
  await expect(page.getByRole("figure")).toContainText("1 in 30 days");
  await page.getByRole("navigation", { name: "Project sections" }).getByRole("link", { name: "Overview" }).click();
  await expect(page.getByRole("progressbar", { name: "Judgments made of those wanted" })).toHaveAttribute("aria-valuenow", "1");
});

test("annotator cannot reach the admin pages of a project or create one", async ({ page }) => {
  const f = fixtures();
  await signInAs(page, f.users.annotator);
  for (const path of [`/admin/projects/${f.projects.keyboard}`, `/admin/projects/${f.projects.keyboard}/members`, "/admin/projects/new", "/admin/users", "/admin/audit"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
  }
});

test("lead of another project is refused this project's admin pages; the users page is for admins only", async ({ page }) => {
  const f = fixtures();
  await signInAs(page, f.users.otherLead);
  // A project they are no member of answers like an unknown one: 404, not 403.
  for (const path of [`/admin/projects/${f.projects.keyboard}`, `/admin/projects/${f.projects.keyboard}/items`, `/admin/projects/${f.projects.keyboard}/progress`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
  expect((await page.goto("/admin/users"))?.status()).toBe(403);
  expect((await page.goto(`/admin/projects/${f.projects.other}`))?.status()).toBe(200);
});
