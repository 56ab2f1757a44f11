import { test, expect, fixtures, signInAs, closeGuidelines, exportRaw } from "./fixtures";

type Integrity = { signals: Record<string, unknown>; flags: string[] };

test("a judgment made after switching tabs and pasting its rationale is stored with those signals and flags", async ({ page, seedProject }) => {
  const f = fixtures();
  const slug = await seedProject({ annotators: [f.users.annotator] });
  await signInAs(page, f.users.annotator);
  await page.goto(`/projects/${slug}`);
  await closeGuidelines(page);
  await expect(page.getByRole("region", { name: "Response A" })).toContainText("Answer");

  // The annotator switches to another tab for a while.
  await page.evaluate(async () => {
    const setState = (state: "hidden" | "visible") => {
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => state });
      document.dispatchEvent(new Event("visibilitychange"));
    };
    setState("hidden");
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    setState("visible");
  });

  // Chooses with the mouse, changes their mind once, and pastes the rationale.
  const radios = page.getByRole("radio");
  await radios.first().click();
  await radios.last().click();
  const pasted = "B is correct and cites the right year for it.";
  const rationale = page.getByRole("textbox", { name: /Rationale/ });
  await rationale.fill(pasted);
  await rationale.evaluate((box, text) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    box.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, pasted);
  await page.getByRole("button", { name: /^Submit/ }).click();
  await expect(page.getByText("1 judged this session")).toBeVisible();
  await expect(page.getByText(/saving/)).toHaveCount(0);

  const lines = (await exportRaw(page.context().request, slug)) as unknown as { annotator: string; rationale: string; integrity: Integrity }[];
  const line = lines.find((l) => l.annotator === f.users.annotator && l.rationale === pasted);
  expect(line, "the judgment in the raw export").toBeDefined();
  const { signals, flags } = line!.integrity;
  expect(signals).toMatchObject({ pastes: 1, pasted_chars: pasted.length, choice_input: "pointer", choice_changes: 1 });
  expect(signals.hidden_ms as number).toBeGreaterThanOrEqual(1_000);
  expect(signals.chars as number).toBeGreaterThan(0);
  expect(flags).toContain("pasted_rationale");
});
