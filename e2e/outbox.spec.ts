import { test, expect, fixtures, signInAs, exportRaw, closeGuidelines } from "./fixtures";
import type { Page } from "@playwright/test";

/**
 * Issue 8 item 8: a judgment queued on a shared browser is never sent under
 * the next account that signs in there. One item and overlap 2, so both
 * annotators hold a lease on the same pair: only the outbox's keying by user
 * (and the server's expected_user_id check) can keep annotator 1's judgment
 * from being stored as annotator 2's.
 */
const onePair = { items: [{ id: "shared-1", prompt: "Which is better?", response_a: "Answer A1.", response_b: "Answer B1." }], overlap: 2 };

/** Signs in as `email`, opens the project with the judgments endpoint unreachable and judges the pair: the judgment waits in the outbox. */
async function queueOneJudgment(page: Page, slug: string, email: string, key: string): Promise<void> {
  await signInAs(page, email);
  await page.route("**/api/v1/projects/*/judgments", (route) => route.abort("internetdisconnected"));
  await page.goto(`/projects/${slug}`);
  await closeGuidelines(page);
  await expect(page.getByRole("region", { name: "Response A" })).toContainText("Answer");
  await page.keyboard.press(key);
  await page.keyboard.press("Enter");
  await expect(page.getByText("1 saving…")).toBeVisible();
}

/** Signs out the way a session that just ends does: no dialog, the queue stays on the device. */
async function signOutQuietly(page: Page): Promise<void> {
  const request = page.context().request;
  const csrf = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await request.post("/api/auth/signout", { form: { csrfToken: csrf.csrfToken, json: "true" } });
  expect(await (await request.get("/api/auth/session")).json()).toEqual({});
}

test("a judgment queued by annotator 1 is not sent under annotator 2 who signs in next on the same browser", async ({ page, seedProject }) => {
  const f = fixtures();
  const slug = await seedProject({ ...onePair, annotators: [f.users.annotator, f.users.annotator2] });

  // Annotator 1 judges while the judgments endpoint is unreachable: the judgment waits in the outbox.
  await queueOneJudgment(page, slug, f.users.annotator, "2");

  // The session ends without sign-out's dialog; annotator 2 signs in on the same browser, with the network back.
  await signOutQuietly(page);
  await page.goto("/login"); // leave the screen that still holds annotator 1's outbox in memory
  await page.unroute("**/api/v1/projects/*/judgments");
  await signInAs(page, f.users.annotator2);
  const sent: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/judgments") && request.method() !== "GET") sent.push(request.url());
  });
  await page.goto(`/projects/${slug}`); // (the guidelines were marked seen on this browser already)
  await page.waitForTimeout(2500); // the old outbox sent within milliseconds of the screen opening
  expect(sent).toEqual([]);
  expect((await exportRaw(page.request, slug)).filter((l) => l.annotator === f.users.annotator2)).toEqual([]);
  // Annotator 2 still has the pair to judge themselves.
  await expect(page.getByRole("region", { name: "Response A" })).toContainText("Answer");
  await expect(page.getByText("saving…")).toHaveCount(0);

  // Back as annotator 1, their own judgment is sent under their own account.
  await signOutQuietly(page);
  await signInAs(page, f.users.annotator);
  await page.goto(`/projects/${slug}`);
  await expect(page.getByText("saving…")).toHaveCount(0, { timeout: 15_000 });
  await expect.poll(async () => (await exportRaw(page.request, slug)).map((l) => l.annotator), { timeout: 10_000 }).toEqual([f.users.annotator]);
});

test("sign-out with a queued judgment asks first; discarding it leaves nothing to send", async ({ page, seedProject }) => {
  const f = fixtures();
  const slug = await seedProject({ ...onePair, annotators: [f.users.annotator, f.users.annotator2] });
  await queueOneJudgment(page, slug, f.users.annotator, "1");
  // Staying signed in keeps it.
  await page.getByRole("link", { name: "Sign out" }).click();
  const dialog = page.getByRole("dialog", { name: "1 judgment is not sent yet" });
  await expect(dialog.getByRole("button", { name: "Send now and sign out" })).toBeVisible();
  await dialog.getByRole("button", { name: "Stay signed in" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("1 saving…")).toBeVisible();
  await page.getByRole("link", { name: "Sign out" }).click();
  await dialog.getByRole("button", { name: "Discard and sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("pairwise:outbox:")))).toEqual([]);
  await page.unroute("**/api/v1/projects/*/judgments");
  await signInAs(page, f.users.annotator);
  await page.goto(`/projects/${slug}`);
  await expect(page.getByRole("region", { name: "Response A" })).toContainText("Answer");
  expect(await exportRaw(page.request, slug)).toEqual([]);
});
