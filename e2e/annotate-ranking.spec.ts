import fs from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { test, expect, fixtures, signInAs, closeGuidelines } from "./fixtures";
import type { SeedItem } from "./fixtures/seed-project";

const SHOTS = process.env.PW_SHOTS_DIR ?? "/tmp/rankui-shots";
const TEXTS = ["Zero: tighten the nut clockwise.", "One: call a plumber first.", "Two: shut off the water, then replace the washer.", "Three: ignore it."];

const rankingItem = (id: string): SeedItem => ({
  id,
  prompt: [
    { role: "user", content: "My kitchen tap drips." },
    { role: "assistant", content: "Is it the hot or the cold side?" },
    { role: "user", content: `Both. What should I do? (${id})` },
  ],
  responses: TEXTS.map((text, i) => ({ text: `${text}\n\n- step **${i}**`, model: `model-${i}` })),
});

/** The item index each card (display position) shows, read from the cards' text. */
async function displayOrder(page: Page): Promise<number[]> {
  const cards = page.getByTestId("ranking-card");
  await expect(cards).toHaveCount(4);
  const texts = await cards.allInnerTexts();
  return texts.map((text) => TEXTS.findIndex((t) => text.includes(t)));
}

async function shoot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

test("annotator ranks four responses by keyboard only, undoes a step, and the raw export holds the six implied pairs", async ({ page, seedProject, browser }) => {
  const f = fixtures();
  const slug = await seedProject({ items: [rankingItem("rank-1")], overlap: 1, annotators: [f.users.annotator], leads: [f.users.lead] });
  await signInAs(page, f.users.annotator);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/projects/${slug}`);
  await closeGuidelines(page);
  const order = await displayOrder(page);
  expect([...order].sort()).toEqual([0, 1, 2, 3]);
  // Model names are never shown; model output is rendered as markdown.
  await expect(page.getByText("model-0")).toHaveCount(0);
  await expect(page.getByTestId("ranking-card").first().locator("strong")).toHaveCount(1);
  const keyOf = (itemIndex: number) => String(order.indexOf(itemIndex) + 1);

  // The wanted ranking, in item terms: 2 > 0 > 3 > 1.
  await page.keyboard.press(keyOf(2));
  await page.keyboard.press(keyOf(1)); // a slip…
  await expect(page.getByRole("region", { name: `Response ${keyOf(1)}, ranked 2nd` })).toBeVisible();
  await page.keyboard.press("Backspace"); // …undone
  await expect(page.getByRole("region", { name: `Response ${keyOf(1)}` })).toBeVisible();
  await page.keyboard.press(keyOf(0));
  await expect(page.getByRole("region", { name: `Response ${keyOf(2)}, ranked 1st` })).toBeVisible();
  await expect(page.getByRole("region", { name: `Response ${keyOf(0)}, ranked 2nd` })).toBeVisible();
  await expect(page.getByTestId("rank-row")).toHaveCount(2);
  await shoot(page, "ranking-desktop-mid");

  // Enter with two placed is refused and says why.
  await page.keyboard.press("Enter");
  await expect(page.getByText(/2 of 4 placed/)).toBeVisible();

  await page.keyboard.press(keyOf(3));
  await expect(page.getByText("Goes last unless you place it:")).toBeVisible();
  // Three placed: Enter submits, and the one left goes last.
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "All done here" })).toBeVisible();
  // A project with ranking items counts items, not pairs.
  await expect(page.getByText("You judged 1 item this session.")).toBeVisible();
  await shoot(page, "ranking-desktop-done");

  // The lead's raw export: the six pairs of the ranking, in item terms (negative: response_a ranked better).
  await expectExportedPairs(browser, slug, "rank-1", [2, 0, 3, 1]);
});

/** As the project's lead, through the export route: the item's raw lines are the six pairs `best` (item indices, best first) implies. */
async function expectExportedPairs(browser: Browser, slug: string, itemId: string, best: number[]) {
  const lead = await browser.newContext();
  const leadPage = await lead.newPage();
  await signInAs(leadPage, fixtures().users.lead);
  const rankOf = new Map(best.map((index, rank) => [index, rank]));
  const indexOfText = (text: string) => TEXTS.findIndex((t) => text.startsWith(t));
  await expect
    .poll(async () => {
      const response = await leadPage.request.get(`/api/v1/projects/${slug}/export?format=raw`);
      if (response.status() !== 200) return `HTTP ${response.status()}`;
      const lines = (await response.text())
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { item_id: string; pair?: number[]; response_a: string; response_b: string; preference: number });
      return lines
        .filter((line) => line.item_id === itemId)
        .map((line) => {
          const a = indexOfText(line.response_a);
          const b = indexOfText(line.response_b);
          // `pair` names the two responses in item indices; response_a/response_b are their texts.
          const right = Math.sign(line.preference) === Math.sign(rankOf.get(a)! - rankOf.get(b)!) && JSON.stringify(line.pair) === JSON.stringify([a, b]);
          return `${Math.min(a, b)}-${Math.max(a, b)}:${right ? "ok" : `wrong ${line.preference} ${JSON.stringify(line.pair)}`}`;
        })
        .sort();
    })
    .toEqual(["0-1:ok", "0-2:ok", "0-3:ok", "1-2:ok", "1-3:ok", "2-3:ok"]);
  await lead.close();
}

test("annotator changes a submitted ranking with U, peeling it with Backspace, and the export follows", async ({ page, seedProject, browser }) => {
  const f = fixtures();
  const slug = await seedProject({ items: [rankingItem("rank-undo")], overlap: 1, annotators: [f.users.annotator], leads: [f.users.lead] });
  await signInAs(page, f.users.annotator);
  await page.goto(`/projects/${slug}`);
  await closeGuidelines(page);
  const order = await displayOrder(page);
  for (const key of ["1", "2", "3", "4"]) await page.keyboard.press(key);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "All done here" })).toBeVisible();

  await page.keyboard.press("u");
  await expect(page.getByText("Changing your earlier judgment")).toBeVisible();
  await expect(page.getByTestId("rank-row")).toHaveCount(4);
  for (let i = 0; i < 3; i++) await page.keyboard.press("Backspace");
  await expect(page.getByTestId("rank-row")).toHaveCount(1);
  await page.keyboard.press("4");
  await page.keyboard.press("3");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "All done here" })).toBeVisible();
  // Cards 1 > 4 > 3 > 2, in item terms.
  await expectExportedPairs(browser, slug, "rank-undo", [0, 3, 2, 1].map((position) => order[position]!));
});

test("after a reload, U reopens the last ranking with its order, and the change is saved", async ({ page, seedProject, browser }) => {
  const f = fixtures();
  const slug = await seedProject({ items: [rankingItem("rank-reload")], overlap: 1, annotators: [f.users.annotator], leads: [f.users.lead] });
  await signInAs(page, f.users.annotator);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/projects/${slug}`);
  await closeGuidelines(page);
  const order = await displayOrder(page);
  // Cards 3 > 1 > 4 > 2, submitted.
  for (const key of ["3", "1", "4", "2"]) await page.keyboard.press(key);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "All done here" })).toBeVisible();
  await expectExportedPairs(browser, slug, "rank-reload", [2, 0, 3, 1].map((position) => order[position]!));

  // The page's history is gone after a reload: the server gives the ranking back, cards in the order they were ranked in.
  await page.reload();
  await expect(page.getByRole("heading", { name: "All done here" })).toBeVisible();
  await page.keyboard.press("u");
  await expect(page.getByText("Changing your earlier judgment")).toBeVisible();
  expect(await displayOrder(page)).toEqual(order);
  await expect(page.getByTestId("rank-row")).toHaveCount(4);
  await expect(page.getByRole("region", { name: "Response 3, ranked 1st" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Response 4, ranked 3rd" })).toBeVisible();
  await shoot(page, "ranking-desktop-reopened");
  // Peel back to the first and rank again: 3 > 2 > 1 > 4.
  for (let i = 0; i < 3; i++) await page.keyboard.press("Backspace");
  for (const key of ["2", "1", "4"]) await page.keyboard.press(key);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "All done here" })).toBeVisible();
  await expectExportedPairs(browser, slug, "rank-reload", [2, 1, 0, 3].map((position) => order[position]!));
});

test("a tie key puts the next response beside the previous one, shown in the list and on the cards", async ({ page, seedProject }) => {
  const f = fixtures();
  const slug = await seedProject({ items: [rankingItem("rank-tie")], overlap: 1, annotators: [f.users.annotator] });
  await signInAs(page, f.users.annotator);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/projects/${slug}`);
  await closeGuidelines(page);
  await displayOrder(page);
  await page.keyboard.press("2");
  await page.keyboard.press("=");
  await expect(page.getByRole("status").filter({ hasText: "Tie: the next response joins the 1st place" })).toBeVisible();
  await page.keyboard.press("4");
  await expect(page.getByRole("region", { name: "Response 4, ranked 1st" })).toContainText("1st (tie)");
  await page.keyboard.press("1");
  await expect(page.getByRole("region", { name: "Response 1, ranked 2nd" })).toBeVisible();
  await shoot(page, "ranking-desktop-tie");
  await page.setViewportSize({ width: 390, height: 844 });
  await shoot(page, "ranking-phone-tie");
});

test.describe("on a phone (390×844, touch)", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("annotator ranks by taps, then reorders with the ↑ button and by dragging", async ({ page, seedProject }) => {
    const f = fixtures();
    const slug = await seedProject({ items: [rankingItem("rank-phone")], overlap: 1, annotators: [f.users.annotator] });
    await signInAs(page, f.users.annotator);
    await page.goto(`/projects/${slug}`);
    await closeGuidelines(page);
    await displayOrder(page);
    const rows = page.getByTestId("rank-row");
    const listed = () => rows.evaluateAll((els) => els.map((el) => el.getAttribute("data-position")));

    const list = page.getByRole("complementary", { name: "Your ranking" });
    for (const n of [1, 2, 3]) await list.getByRole("button", { name: `Response ${n}`, exact: true }).click();
    await expect.poll(listed).toEqual(["1", "2", "3"]);
    await shoot(page, "ranking-phone-mid");

    await page.getByRole("button", { name: "Move response 3 up" }).click();
    await expect.poll(listed).toEqual(["1", "3", "2"]);

    // Drag response 2 (last) to the top by its handle.
    const handle = rows.nth(2).getByTestId("drag-handle");
    const from = (await handle.boundingBox())!;
    const top = (await rows.nth(0).boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2, top.y + 4, { steps: 8 });
    await page.mouse.up();
    await expect.poll(listed).toEqual(["2", "1", "3"]);
    await expect(page.getByRole("region", { name: "Response 2, ranked 1st" })).toBeVisible();
    await list.scrollIntoViewIfNeeded();
    await shoot(page, "ranking-phone-reordered");

    await page.getByRole("button", { name: /^Submit/ }).click();
    await expect(page.getByTestId("ranking-card")).toHaveCount(0);
  });
});
