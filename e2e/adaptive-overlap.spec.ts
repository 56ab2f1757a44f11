import { test, expect, fixtures, signInAs } from "./fixtures";
import { shootBothWidths } from "./fixtures/screenshot";

/**
 * Issue 14, item 1: the lead turns on adaptive overlap (k = 2, K = 5, stop at
 * a 75% share) in the settings; annotators' judgments come in (imported, as
 * from another tool); the progress page shows items finished early on
 * agreement and the one still open because it disagrees, which the items
 * filter lists; the agreement page shows the bias plots.
 */
test("lead sets k and K, judgments agree, items finish early on the progress page", async ({ page, request, seedProject }) => {
  const f = fixtures();
  const slug = await seedProject({ overlap: 3 });
  const headers = { Authorization: `Bearer ${f.adminToken}` };
  const added = await request.post(`/api/v1/projects/${slug}/members`, { headers, data: { email: f.users.lead, role: "lead" } });
  expect(added.ok(), await added.text()).toBe(true);

  await signInAs(page, f.users.lead);
  await page.goto(`/admin/projects/${slug}/settings`);
  const adaptive = page.getByRole("group", { name: "Adaptive overlap" });
  await adaptive.getByRole("checkbox", { name: /Stop early when judgments agree/ }).check();
  // k above K is refused beside the field.
  await adaptive.getByLabel("Minimum k").fill("6");
  await adaptive.getByLabel("Maximum K").fill("5");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.locator("#field-overlap_max-error")).toContainText("Must be at least the minimum overlap k (6)");
  await adaptive.getByLabel("Minimum k").fill("2");
  await adaptive.getByLabel("Stop at share (%)").fill("75");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  const project = await request.get(`/api/v1/projects/${slug}`, { headers });
  expect(await project.json()).toMatchObject({ project: { overlap_min: 2, overlap_max: 5, overlap: 5, stop_share: 0.75, stop_on: "share" } });
  await page.reload();
  await expect(page.getByRole("group", { name: "Adaptive overlap" }).getByLabel("Maximum K")).toHaveValue("5");
  // The settings' adaptive fieldset at desktop and phone widths (for people to look at).
  for (const [width, height] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.getByRole("group", { name: "Adaptive overlap" }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `.tmp/shots/adaptive-settings-${width}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 720 });

  // kb-1 and kb-2 unanimous at k; kb-3 split (open, disagreeing); kb-4 3 of 4 for B (share);
  // kb-5 untouched; kb-6 one judgment (open, wants k).
  const votes: Record<string, number[]> = { "kb-1": [-1, -2], "kb-2": [2, 1], "kb-3": [-1, 1], "kb-4": [1, 2, -1, 1], "kb-6": [-1] };
  const lines = Object.entries(votes).flatMap(([item, prefs]) => prefs.map((preference, i) => JSON.stringify({ item_id: item, annotator: `ext-${i}`, preference })));
  const imported = await request.post(`/api/v1/projects/${slug}/judgments/import`, { headers: { ...headers, "Content-Type": "application/x-ndjson" }, data: lines.join("\n") + "\n" });
  expect(imported.status(), await imported.text()).toBe(200);

  const stats = await request.get(`/api/v1/projects/${slug}/stats`, { headers });
  expect((await stats.json()).stats.adaptive).toMatchObject({
    items_finished: 3,
    finished_by: { max: 0, unanimous: 2, share: 1, bound: 0 },
    items_finished_early: 3,
    items_open_disagreeing: 1,
    judgments_spent: 11,
    fixed_max_cost: 30,
  });

  await page.goto(`/admin/projects/${slug}/progress`);
  const overlap = page.getByRole("region", { name: "Overlap" });
  await expect(overlap).toContainText("k = 2 to K = 5 judgments");
  await expect(overlap.getByTestId("judgments-spent")).toHaveText("11");
  await expect(overlap).toContainText("of 30 at a fixed K = 5");
  await expect(overlap.getByTestId("finished-early")).toHaveText("3");
  await expect(overlap).toContainText("2 unanimous · 1 by share · 0 by bound");
  await expect(overlap.getByTestId("adaptive-saving")).toContainText("took 8 judgments; at a fixed K they would have taken 15: 7 saved (47%)");
  await shootBothWidths(page, "adaptive-progress");

  // The one open because it disagrees, listed by the items filter.
  await overlap.getByTestId("open-disagreeing").getByRole("link", { name: "1" }).click();
  await expect(page).toHaveURL(/items\?state=disagreeing$/);
  const table = page.getByRole("table", { name: /^Items of/ });
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table).toContainText("kb-3");

  // The bias plots (issue 14, item 2) on the agreement page.
  await page.goto(`/admin/projects/${slug}/agreement`);
  const bias = page.getByRole("region", { name: "Bias" });
  await expect(bias).toBeVisible();
  await expect(bias.getByRole("img", { name: /^Position: share of non-tie judgments/ })).toBeVisible();
  await expect(bias.getByRole("img", { name: /^Length: share of judgments choosing B/ })).toBeVisible();
});
