import { test, expect, fixtures, signInAs, closeGuidelines, exportRaw } from "./fixtures";
import { shootBothWidths } from "./fixtures/screenshot";
import type { Page } from "@playwright/test";

// A refused submit moves focus to what is missing (issue 11, item 3): the
// rationale box, or the first unanswered question; the message names this
// scale's keys and each question by its label.

const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");

async function openPair(page: Page, slug: string) {
  await signInAs(page, fixtures().users.annotator);
  await page.goto(`/projects/${slug}`);
  await closeGuidelines(page);
  const responseA = page.getByRole("region", { name: "Response A" });
  await expect(responseA).toContainText("Answer");
  return responseA;
}

test("a required rationale: the refusal focuses the box, every time; the submit stores it and focus returns to the pair", async ({ page, seedProject }) => {
  const f = fixtures();
  const slug = await seedProject({ annotators: [f.users.annotator], requireRationale: true });
  const responseA = await openPair(page, slug);
  const rationale = page.getByRole("textbox", { name: /Rationale \(required\)/ });
  const alert = page.getByTestId("judge-bar").getByRole("alert");

  await page.keyboard.press("3");
  await expect(page.getByRole("radio", { checked: true })).toContainText("A slightly better");
  await page.keyboard.press("Enter");
  await expect(alert).toHaveText("This project asks for a rationale: say briefly why.");
  await expect(rationale).toBeFocused();
  expect(await activeId(page)).toBe("annotate-rationale");
  await shootBothWidths(page, "refusal-rationale");

  // Leave the box (Escape), submit again: the same refusal takes focus back there.
  await page.keyboard.press("Escape");
  await expect(rationale).not.toBeFocused();
  await page.keyboard.press("Enter");
  await expect(rationale).toBeFocused();

  const firstPair = await responseA.innerText();
  const itemId = /Answer [AB](\d)/.exec(firstPair)![1];
  await page.keyboard.type("B misstates the sum");
  await page.keyboard.press("Enter");
  await expect(responseA).not.toHaveText(firstPair);
  await expect(rationale).not.toBeFocused();
  await expect(rationale).toHaveValue("");
  expect(await activeId(page)).toBe("annotate-pair");
  await expect
    .poll(async () => (await exportRaw(page.request, slug)).map((l) => [l.item_id, l.annotator, l.rationale]))
    .toEqual([[`kb-${itemId}`, f.users.annotator, "B misstates the sum"]]);
  // The next digit chooses on the new pair instead of landing in the box.
  await page.keyboard.press("5");
  await expect(page.getByRole("radio", { checked: true })).toContainText("B slightly better");
  await expect(rationale).toHaveValue("");
});

test("required questions: the refusal names them by label and focuses the first unanswered one", async ({ page, seedProject }) => {
  const f = fixtures();
  const slug = await seedProject({
    annotators: [f.users.annotator],
    attributes: [
      { key: "polite_a", label: "How polite is A?", min: 1, max: 5 },
      { key: "safety", label: "Which is safer?", min: -1, max: 1 },
    ],
  });
  const responseA = await openPair(page, slug);
  const alert = page.getByTestId("judge-bar").getByRole("alert");

  await page.keyboard.press("2");
  await page.keyboard.press("Enter");
  await expect(alert).toHaveText("Answer every question first (How polite is A?, Which is safer?).");
  await expect(alert).not.toContainText("polite_a");
  await expect(page.locator("#annotate-attribute-polite_a")).toBeFocused();
  await shootBothWidths(page, "refusal-questions");

  // Answer the focused question from the keyboard and submit from it: focus moves on to the one still unanswered.
  await page.keyboard.press("4");
  await expect(page.locator("#annotate-attribute-polite_a")).toHaveValue("4");
  await page.keyboard.press("Enter");
  await expect(alert).toHaveText("Answer every question first (Which is safer?).");
  await expect(page.locator("#annotate-attribute-safety")).toBeFocused();

  const firstPair = await responseA.innerText();
  await page.locator("#annotate-attribute-safety").selectOption("1");
  await page.keyboard.press("Enter");
  await expect(responseA).not.toHaveText(firstPair);
  expect(await activeId(page)).toBe("annotate-pair");
  await expect.poll(async () => (await exportRaw(page.request, slug)).length).toBe(1);
  // A digit now chooses instead of answering a question on the new pair.
  await page.keyboard.press("1");
  await expect(page.getByRole("radio", { checked: true })).toContainText("A much better");
  await expect(page.locator("#annotate-attribute-polite_a")).toHaveValue("");
});

test("the refusal names the keys this project's scale has (scale 2, no ties: keys 1–4)", async ({ page, seedProject }) => {
  const f = fixtures();
  const slug = await seedProject({ annotators: [f.users.annotator], scale: 2, allowTie: false });
  await openPair(page, slug);
  await expect(page.getByRole("radio")).toHaveCount(4);
  await page.getByRole("radio").first().focus();
  await page.keyboard.press("Enter");
  const alert = page.getByTestId("judge-bar").getByRole("alert");
  await expect(alert).toHaveText("Choose which response is better first (keys 1–4 or ← →).");
  expect(await activeId(page)).toBe("annotate-pair");
  await page.keyboard.press("4");
  await expect(page.getByRole("radio", { checked: true })).toHaveCount(1);
});
