import { test, expect } from "@playwright/test";
import { fixtures } from "./fixtures";

/**
 * Issue 8 items 6 and 7 in a browser: the return path after sign-in cannot
 * leave the site, and "Sign out everywhere" ends a session that was copied
 * elsewhere.
 */
test("signing in from /login?next=/%09/evil.example/x stays on this site", async ({ page, baseURL }) => {
  const f = fixtures();
  await page.goto("/login?next=/%09/evil.example/x");
  await page.getByLabel("Email").fill(f.users.outsider);
  await page.getByLabel("Password").fill(f.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/projects", { timeout: 20_000 });
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  // This browser is now known to the account (strangers' guesses cannot lock it out).
  const device = (await page.context().cookies()).find((c) => c.name === "pairwise-device");
  expect(device?.httpOnly).toBe(true);
});

test("sign out everywhere ends this session and a copy of it", async ({ page, browser, baseURL }) => {
  const f = fixtures();
  await page.goto("/login?next=/tokens");
  await page.getByLabel("Email").fill(f.users.outsider);
  await page.getByLabel("Password").fill(f.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/tokens", { timeout: 20_000 });
  // Someone copied the session cookie to another browser.
  const stolen = await browser.newContext({ baseURL });
  await stolen.addCookies((await page.context().cookies()).filter((c) => c.name.includes("next-auth.session-token")));
  expect(((await (await stolen.request.get("/api/auth/session")).json()) as { user?: { email?: string } }).user?.email).toBe(f.users.outsider);

  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await page.waitForURL((url) => url.pathname === "/login");
  expect(await (await stolen.request.get("/api/auth/session")).json()).toEqual({});
  const copy = await stolen.newPage();
  await copy.goto("/tokens");
  await copy.waitForURL((url) => url.pathname === "/login");
  await stolen.close();
});
