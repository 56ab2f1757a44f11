import { test, expect, fixtures, signInAs } from "./fixtures";
import type { SeedItem } from "./fixtures/seed-project";

/**
 * The lead reads the bias diagnostics on the Agreement page and toggles style
 * control on the Leaderboard. 40 pairs: "verbose" answers at length, "terse"
 * briefly; three external annotators (imported judgments) pick the longer
 * answer most of the time, one mostly the left side.
 */
test("lead sees the bias plots and sentences, and toggles style control on the leaderboard", async ({ page, request, seedProject }) => {
  const f = fixtures();
  const items: SeedItem[] = Array.from({ length: 40 }, (_, i) => {
    const verboseIsA = i % 2 === 0;
    const long = `## Answer ${i}\n\n` + Array.from({ length: 20 + (i % 7) * 15 }, (_, k) => `- point ${k} with **detail** and more words`).join("\n");
    const short = `Short answer ${i}.`;
    return { id: `b-${i}`, prompt: `Question ${i}?`, response_a: verboseIsA ? long : short, response_b: verboseIsA ? short : long, model_a: verboseIsA ? "verbose" : "terse", model_b: verboseIsA ? "terse" : "verbose" };
  });
  const slug = await seedProject({ items });
  const headers = { Authorization: `Bearer ${f.adminToken}` };
  const added = await request.post(`/api/v1/projects/${slug}/members`, { headers, data: { email: f.users.lead, role: "lead" } });
  expect(added.ok(), await added.text()).toBe(true);
  const lines: string[] = [];
  for (let i = 0; i < 40; i++) {
    const verboseIsA = i % 2 === 0;
    const longer = verboseIsA ? -1 : 1;
    const swapped = i % 4 < 2;
    const left = swapped ? 1 : -1;
    lines.push(JSON.stringify({ item_id: `b-${i}`, annotator: "ext-length-1", preference: i % 10 === 0 ? -longer : longer, shown_swapped: swapped }));
    lines.push(JSON.stringify({ item_id: `b-${i}`, annotator: "ext-length-2", preference: i % 8 === 1 ? -longer : 2 * longer, shown_swapped: !swapped }));
    lines.push(JSON.stringify({ item_id: `b-${i}`, annotator: "ext-left", preference: i % 9 === 0 ? -left : left, shown_swapped: swapped }));
  }
  const imported = await request.post(`/api/v1/projects/${slug}/judgments/import`, { headers: { ...headers, "Content-Type": "application/x-ndjson" }, data: lines.join("\n") + "\n" });
  expect(imported.status(), await imported.text()).toBe(200);

  await signInAs(page, f.users.lead);
  await page.goto(`/admin/projects/${slug}/agreement`);
  const bias = page.getByRole("region", { name: "Bias" });
  await expect(bias).toBeVisible();
  await expect(bias.getByTestId("bias-sentence-position")).toContainText("The response shown on the left won");
  await expect(bias.getByTestId("bias-sentence-words")).toContainText(/Each extra 100 words raises the chance of winning from \d+% to \d+%/);
  await expect(bias.getByRole("img", { name: /^Position: share of non-tie judgments/ })).toBeVisible();
  await expect(bias.getByRole("img", { name: /^Length: share of judgments choosing B/ })).toBeVisible();
  await expect(bias.getByRole("img", { name: /^List items:/ })).toBeVisible();
  const perAnnotator = bias.getByRole("table", { name: "Bias per annotator" });
  await expect(perAnnotator.getByRole("row")).toHaveCount(4);

  // Agreement figures: what they rest on, and their bootstrap intervals on request.
  const headline = page.getByRole("region", { name: "Headline figures" });
  await expect(headline).toContainText("40 items with 3 judgments");
  await headline.getByRole("link", { name: /^Show 95% intervals/ }).click();
  await expect(page).toHaveURL(/intervals=1$/);
  await expect(page.getByRole("region", { name: "Headline figures" })).toContainText(/95% intervals from \d+ bootstrap resamples/);
  await expect(page.getByRole("region", { name: "Headline figures" }).getByText(/^95% /).first()).toBeVisible();

  await page.getByRole("navigation", { name: "Project sections" }).getByRole("link", { name: "Leaderboard" }).click();
  await expect(page.getByRole("heading", { name: "How many judgments are enough" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Adjacent models: separation" })).toContainText("verbose over terse");
  await expect(page.getByRole("heading", { name: "Ranking with style control" })).toHaveCount(0);
  await page.getByRole("navigation", { name: "Style control" }).getByRole("link", { name: /^On/ }).click();
  await expect(page).toHaveURL(/style_control=1$/);
  await expect(page.getByRole("heading", { name: "Ranking with style control" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Style coefficients" })).toContainText("Length (words)");
  await expect(page.getByRole("link", { name: /^On/ })).toHaveAttribute("aria-current", "page");
  await page.getByRole("navigation", { name: "Style control" }).getByRole("link", { name: "Off" }).click();
  await expect(page.getByRole("heading", { name: "Ranking with style control" })).toHaveCount(0);
});
