import { test, expect, fixtures, signInAs } from "./fixtures";
import type { Page } from "@playwright/test";
import { shootBothWidths } from "./fixtures/screenshot";

/**
 * Issue 11, items 9 and 6 (admin part): leads and admins land in the admin
 * area after signing in (an explicit, safe next page still wins), the header
 * never says "Admin" twice, the admin area links back to annotating, a draft
 * project warns on its members page, and every admin page has one main landmark.
 */
async function signInThroughForm(page: Page, email: string, path = "/login") {
  await page.goto(path);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(fixtures().password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("leads and admins land on /admin, annotators on their projects; a safe next page wins", async ({ page, browser, baseURL }) => {
  const f = fixtures();
  await signInThroughForm(page, f.users.lead);
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await shootBothWidths(page, "admin-landing");
  // The admin area links back to annotating.
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Annotate" }).click();
  await expect(page).toHaveURL(/\/projects$/);

  for (const [email, path, landing] of [
    [f.users.admin, "/login", /\/admin$/],
    [f.users.annotator, "/login", /\/projects$/],
    [f.users.admin, "/login?next=%2Ftokens", /\/tokens$/],
    [f.users.admin, "/login?next=%2F%2Fevil.example%2F", /127\.0\.0\.1:\d+\/admin$/],
  ] as const) {
    const context = await browser.newContext({ baseURL });
    const fresh = await context.newPage();
    await signInThroughForm(fresh, email, path);
    await expect(fresh, `${email} via ${path}`).toHaveURL(landing);
    await context.close();
  }
});

test("the header shows 'Admin' once, on the annotator side and in the admin area", async ({ page }) => {
  const f = fixtures();
  await signInAs(page, f.users.admin); // named "admin": the header shows the email instead
  for (const path of ["/projects", "/admin"]) {
    await page.goto(path);
    const banner = (await page.getByRole("banner").first().innerText()).replace(/\s+/g, " ");
    expect(banner.match(/\bAdmin\b/g)?.length ?? 0, `${path}: ${banner}`).toBeLessThanOrEqual(1);
    await expect(page.getByRole("banner").first()).toContainText(f.users.admin);
  }
});

test("a draft project's members page warns that joiners get no items, with a link to settings", async ({ page }) => {
  const f = fixtures();
  const headers = { Authorization: `Bearer ${f.adminToken}` };
  const slug = `draft-${Date.now().toString(36)}`;
  const created = await page.request.post("/api/v1/projects", { headers, data: { slug, name: "Draft campaign", status: "draft" } });
  expect(created.status(), await created.text()).toBe(201);
  await signInAs(page, f.users.admin);
  await page.goto(`/admin/projects/${slug}/members`);
  const note = page.getByRole("note");
  await expect(note).toContainText("This project is a draft: annotators who join now get no items until you activate it");
  await shootBothWidths(page, "draft-warning");
  await note.getByRole("link", { name: /Settings/ }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/projects/${slug}/settings$`));
  // Active: no warning.
  await page.goto("/admin/projects/e2e-keyboard/members");
  await expect(page.getByRole("heading", { name: /Members/ })).toBeVisible();
  await expect(page.getByText("This project is a draft")).toHaveCount(0);
});

test("every admin page has exactly one main landmark, and named navigation", async ({ page }) => {
  const f = fixtures();
  await signInAs(page, f.users.admin);
  await page.goto("/admin/projects/e2e-keyboard");
  // Every project section, as the tabs list them, so a new section is covered too.
  const tabs = await page.getByRole("navigation", { name: "Project sections" }).getByRole("link").evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  expect(tabs.length).toBeGreaterThanOrEqual(10);
  const paths = ["/admin", "/admin/projects/new", "/admin/users", "/admin/audit", ...tabs, "/admin/projects/e2e-keyboard/items/kb-1", "/projects", "/tokens"];
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.getByRole("main"), path).toHaveCount(1);
    if (path.startsWith("/admin")) {
      await expect(page.getByRole("banner"), path).toHaveCount(1);
      await expect(page.getByRole("navigation", { name: "Admin" }), path).toHaveCount(1);
    }
  }
});
