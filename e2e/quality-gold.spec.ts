import fs from "node:fs";
import type { Page } from "@playwright/test";
import { test, expect, fixtures, signInAs, closeGuidelines } from "./fixtures";
import { keyboardItems, type SeedItem } from "./fixtures/seed-project";

const goldItems: SeedItem[] = [1, 2, 3].map((n) => ({
  id: `gold-${n}`,
  prompt: `Gold question ${n}: what is the capital of France?`,
  response_a: `Gold A${n}: Paris.`,
  response_b: `Gold B${n}: Lyon.`,
  gold_preference: -2,
  gold_explanation: `Paris <b>is</b> the capital (check ${n}).`,
}));

const shots = ".tmp/screens";
async function shoot(page: Page, name: string) {
  fs.mkdirSync(shots, { recursive: true });
  for (const [width, height] of [[1440, 900], [390, 844]] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${shots}/${name}-${width}.png`, fullPage: false });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

/** What the left pane shows: a gold item (and whether its right answer, A, is on the left) or a real item and its side order. */
async function readPair(page: Page) {
  const left = await page.getByRole("region", { name: "Response A" }).innerText();
  const gold = left.match(/Gold ([AB])(\d+)/);
  if (gold) return { kind: "gold" as const, id: `gold-${gold[2]}`, rightIsLeft: gold[1] === "A" };
  const real = left.match(/Answer ([AB])(\d+)/);
  expect(real, `left pane shows an answer: ${left}`).not.toBeNull();
  return { kind: "real" as const, id: `kb-${real![2]}`, swapped: real![1] === "B" };
}

test("a new annotator qualifies on gold items with training feedback, judges real items, and gets a swapped re-check; another fails and is told so", async ({ page, browser, seedProject }) => {
  test.setTimeout(120_000);
  const f = fixtures();
  const slug = await seedProject({
    items: [...keyboardItems(4), ...goldItems],
    quality: { qualification_items: 2, qualification_pass_mark: 1, gold_feedback: "training", recheck_rate: 0.5, recheck_min_gap: 1 },
    annotators: [f.users.annotator, f.users.annotator2],
  });

  await signInAs(page, f.users.annotator);
  await page.goto(`/projects/${slug}`);
  await closeGuidelines(page);
  const responseA = page.getByRole("region", { name: "Response A" });
  await expect(responseA).toContainText(/Gold A|Gold B/);

  const seen = new Map<string, boolean>();
  let golds = 0;
  let feedbackShot = false;
  let recheck: { first: boolean; again: boolean } | null = null;
  for (let step = 0; step < 14; step++) {
    if (await page.getByText("All done here").isVisible()) break;
    await expect(responseA).toContainText(/Answer|Gold/);
    const before = await responseA.innerText();
    const pair = await readPair(page);
    if (pair.kind === "gold") {
      golds++;
      // The right answer is A: "A much better" on screen is 1 when A is on the left, 7 when it is on the right.
      await page.keyboard.press(pair.rightIsLeft ? "1" : "7");
    } else {
      if (seen.has(pair.id)) recheck = { first: seen.get(pair.id)!, again: pair.swapped };
      else seen.set(pair.id, pair.swapped);
      await page.keyboard.press("4");
    }
    await page.keyboard.press("Enter");
    await expect(responseA.filter({ hasNotText: before }).or(page.getByText("All done here"))).toBeVisible();
    if (golds > 0 && !feedbackShot) {
      const feedback = page.getByRole("heading", { name: /That was a check item: you got it right/ });
      await expect(feedback).toBeVisible();
      // In the left/right terms the annotator saw: "A better" when the right answer was on the left, else "B better".
      await expect(page.locator("p", { hasText: "Expected answer:" })).toContainText(/[AB] better/);
      // The explanation is shown as text, not markup.
      await expect(page.getByText(/Paris <b>is<\/b> the capital/)).toBeVisible();
      await shoot(page, "gold-feedback");
      await page.getByRole("button", { name: "Dismiss the check item feedback" }).click();
      feedbackShot = true;
    }
  }
  expect(golds).toBeGreaterThanOrEqual(2);
  expect(seen.size).toBeGreaterThanOrEqual(2);
  expect(recheck, "a re-check was served").not.toBeNull();
  expect(recheck!.again).toBe(!recheck!.first);

  // The second annotator answers the gold items wrongly and is told they did not pass.
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const other = await context.newPage();
  await signInAs(other, f.users.annotator2);
  await other.goto(`/projects/${slug}`);
  await closeGuidelines(other);
  const stop = other.getByRole("heading", { name: "You did not pass the qualification" });
  for (let step = 0; step < 5 && !(await stop.isVisible()); step++) {
    const paneA = other.getByRole("region", { name: "Response A" });
    await expect(paneA.or(stop)).toBeVisible();
    if (await stop.isVisible()) break;
    const before = await paneA.innerText();
    const pair = await readPair(other);
    expect(pair.kind).toBe("gold");
    await other.keyboard.press(pair.kind === "gold" && pair.rightIsLeft ? "7" : "1");
    await other.keyboard.press("Enter");
    await expect(paneA.filter({ hasNotText: before }).or(stop)).toBeVisible();
  }
  await expect(stop).toBeVisible();
  await expect(other.getByText(/0 of \d check items right, \d needed\. Your lead can let you try again\./)).toBeVisible();
  await expect(other.getByRole("link", { name: "Back to my projects" })).toBeVisible();
  await shoot(other, "not-qualified");
  await context.close();

  // The lead sees both statuses, with the actions that apply.
  await page.context().clearCookies();
  await signInAs(page, f.users.admin);
  await page.goto(`/admin/projects/${slug}/members`);
  await expect(page.getByText("not qualified", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Let annotator2 retry the qualification" })).toBeVisible();
  await shoot(page, "members-statuses");
  await page.goto(`/admin/projects/${slug}/settings`);
  await page.getByRole("heading", { name: "Quality controls" }).scrollIntoViewIfNeeded();
  await shoot(page, "settings-quality");

  // The project's lead opens the Quality page: both annotators' statuses, the first one's gold accuracy, and the actions on the row.
  const addLead = await page.context().request.post(`/api/v1/projects/${slug}/members`, {
    headers: { Authorization: `Bearer ${f.adminToken}` },
    data: { email: f.users.lead, role: "lead" },
  });
  expect(addLead.ok(), await addLead.text()).toBe(true);
  await page.context().clearCookies();
  await signInAs(page, f.users.lead);
  await page.goto(`/admin/projects/${slug}/quality`);
  const rows = page.getByRole("table", { name: "Quality per annotator" }).locator(":scope > tbody > tr");
  const passed = rows.filter({ has: page.getByRole("button", { name: "Pause annotator", exact: true }) });
  const failed = rows.filter({ has: page.getByRole("button", { name: "Let annotator2 retry the qualification" }) });
  await expect(passed).toHaveCount(1);
  await expect(passed).toContainText("active");
  await expect(passed).toContainText("100%");
  await expect(passed).toContainText(`${golds} of ${golds}`);
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText("not qualified");
  await expect(failed).toContainText(/0 of \d/);
  await expect(failed.getByRole("button", { name: "Admit annotator2 to real items" })).toBeVisible();
  await failed.scrollIntoViewIfNeeded();
  await shoot(page, "quality-actions");
  await failed.getByRole("button", { name: "Let annotator2 retry the qualification" }).click();
  await expect(failed.getByText("qualifying", { exact: true })).toBeVisible();
  await expect(failed).not.toContainText("not qualified");
  // A reload reads the stored status, not the button's memory.
  await page.reload();
  await expect(failed.getByText("qualifying", { exact: true })).toBeVisible();
  await expect(failed.getByRole("button", { name: "Pause annotator2" })).toBeVisible();
});
