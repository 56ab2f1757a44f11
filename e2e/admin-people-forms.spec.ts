import { test, expect, fixtures, signInAs } from "./fixtures";

/**
 * The admin's inline forms and role selects: create a user, refuse the same
 * email again, change their global role in place; add them to a project and
 * change their project role in place.
 */
test("admin creates a user, adds them to a project and changes both roles in place", async ({ page, seedProject }) => {
  const f = fixtures();
  const slug = await seedProject();
  const name = `people-${Date.now().toString(36)}`;
  const email = `${name}@e2e.test`;
  await signInAs(page, f.users.admin);

  await page.goto("/admin/users");
  const create = page.locator("form").filter({ has: page.getByRole("button", { name: "Create user" }) });
  await create.getByLabel("Email").fill(email);
  await create.getByLabel("Name").fill(name);
  await create.getByLabel("Password").fill("a-long-password-1");
  await create.getByRole("button", { name: "Create user" }).click();
  await expect(create.getByRole("status")).toHaveText(`Created ${email}.`);
  await expect(create.getByLabel("Email")).toHaveValue("");

  await create.getByLabel("Email").fill(email);
  await create.getByLabel("Password").fill("a-long-password-1");
  await create.getByRole("button", { name: "Create user" }).click();
  await expect(create.getByRole("alert")).toBeVisible();

  await page.getByLabel(`Role of ${name}`).selectOption("lead");
  await expect(page.getByLabel(`Role of ${name}`)).toBeEnabled();
  await page.reload();
  await expect(page.getByLabel(`Role of ${name}`)).toHaveValue("lead");

  await page.goto(`/admin/projects/${slug}/members`);
  const add = page.locator("form").filter({ has: page.getByRole("button", { name: "Add member" }) });
  await add.getByLabel("Email of an existing user").fill(email);
  await add.getByRole("button", { name: "Add member" }).click();
  await expect(add.getByRole("status")).toHaveText(`${name} was added.`);
  await page.getByLabel(`Role of ${name}`).selectOption("lead");
  await expect(page.getByLabel(`Role of ${name}`)).toBeEnabled();
  await page.reload();
  await expect(page.getByLabel(`Role of ${name}`)).toHaveValue("lead");
});
