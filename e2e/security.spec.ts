import type { Page, Response } from "@playwright/test";
import { test, expect, fixtures, signInAs } from "./fixtures";

/**
 * The browser-level security rules: pages carry a nonce-based
 * Content-Security-Policy (proxy.ts) that Next applies to its own scripts, so
 * the app works and nothing inline without the nonce runs; framing is
 * refused; a cross-origin call of a server action is refused.
 * The annotation test works in a project of its own (seedProject).
 */

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

/** Checks the page's CSP and headers; returns the nonce. */
async function expectStrictPolicy(response: Response | null): Promise<string> {
  expect(response, "the page answered").not.toBeNull();
  const headers = response!.headers();
  const policy = headers["content-security-policy"];
  expect(policy, "a Content-Security-Policy header").toBeTruthy();
  const csp = directives(policy!);
  const script = csp.get("script-src") ?? [];
  expect(script).not.toContain("'unsafe-inline'");
  expect(script).not.toContain("'unsafe-eval'");
  expect(script).toContain("'strict-dynamic'");
  const nonce = script.find((v) => v.startsWith("'nonce-"))?.slice(7, -1);
  expect(nonce, "script-src has a nonce").toBeTruthy();
  expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
  expect(csp.get("object-src")).toEqual(["'none'"]);
  expect(csp.get("base-uri")).toEqual(["'self'"]);
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  // Every <script> the server sent carries this response's nonce (Next adds it to its own).
  const html = await response!.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, "script tag has the nonce").toContain(`nonce="${nonce}"`);
  return nonce!;
}

/** CSP violations the page reports (an inline script or handler blocked shows up here). */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const list: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = list;
    document.addEventListener("securitypolicyviolation", (e) => list.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}

test("the login page has a nonce CSP, and signing in through the form still works", async ({ page }) => {
  const violations = await watchViolations(page);
  const nonce = await expectStrictPolicy(await page.goto("/login"));
  const again = await expectStrictPolicy(await page.goto("/login"));
  expect(again).not.toBe(nonce);
  // The form submits through JavaScript (next-auth's signIn): it only works if the page's scripts ran.
  const f = fixtures();
  await page.getByLabel("Email").fill(f.users.annotator2);
  await page.getByLabel("Password").fill(f.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/projects$/);
  expect(await violations()).toEqual([]);
});

test("the annotation page works under the CSP, and an injected inline handler does not run", async ({ page, seedProject }) => {
  const f = fixtures();
  const violations = await watchViolations(page);
  const slug = await seedProject({ annotators: [f.users.annotator2] });
  await signInAs(page, f.users.annotator2);
  await expectStrictPolicy(await page.goto(`/projects/${slug}`));
  // Hydrated: the guidelines dialog opens on first entry and closes on Escape.
  await expect(page.getByRole("dialog", { name: "Guidelines" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog", { name: "Guidelines" })).toBeHidden();
  await expect(page.getByRole("region", { name: "Response A" })).toContainText("Answer");
  await page.keyboard.press("1");
  await expect(page.getByRole("radio", { checked: true })).toHaveCount(1);
  expect(await violations()).toEqual([]);

  // What an XSS would try: markup with an inline event handler. The CSP blocks it.
  await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", `<img src="data:," onerror="window.__inlineRan = true">`));
  await expect.poll(violations).not.toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan)).toBeUndefined();
});

test("the API answers with a policy that renders nothing, and frames are refused", async ({ page, request, baseURL }) => {
  const f = fixtures();
  await signInAs(page, f.users.annotator2);
  const api = await page.request.get(`/api/v1/projects/${f.projects.keyboard}/judgments/mine`);
  expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  // A page framing the app gets nothing. Proven, not assumed: the server did answer the frame's request
  // with the login page and its refusal headers; a control frame beside it renders, so frames render here;
  // and the victim frame, once the browser has dealt with the answer, holds none of the app.
  const login = new URL("/login", baseURL).toString();
  const answered = page.waitForResponse((r) => r.url() === login && r.frame() !== page.mainFrame());
  await page.setContent(
    `<iframe id="control" srcdoc="<p>control frame</p>" width="200" height="100"></iframe>` +
      `<iframe id="victim" src="${login}" width="600" height="400"></iframe>`,
  );
  const response = await answered;
  expect(response.status()).toBe(200);
  expect(directives(response.headers()["content-security-policy"] ?? "").get("frame-ancestors")).toEqual(["'none'"]);
  expect(response.headers()["x-frame-options"]).toBe("DENY");
  // (Its body is gone: the browser navigated the frame away from it. What it would have shown, signed out as the frame was:)
  expect(await (await request.get(login)).text()).toContain("Sign in to Pairwise");
  await expect(page.frameLocator("#control").getByText("control frame")).toBeVisible();
  const victim = await (await page.locator("#victim").elementHandle())!.contentFrame();
  expect(victim, "the victim frame exists").not.toBeNull();
  // Chromium replaces a refused document with its error page; never the login page.
  await expect.poll(() => victim!.url()).toMatch(/^chrome-error:/);
  const framedText = await victim!.evaluate(() => document.body?.innerText ?? "").catch(() => "");
  expect(framedText).not.toContain("Sign in to Pairwise");
});

test("a cross-origin POST to a server action is refused, the same call from our origin goes through", async ({ page, baseURL }) => {
  const f = fixtures();
  await signInAs(page, f.users.annotator2);
  await page.goto("/tokens");
  const stamp = Date.now().toString(36);
  const name = `legit-${stamp}`;
  const actionCall = page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
  await page.getByLabel("New token").fill(name);
  await page.getByRole("button", { name: "Create token" }).click();
  const call = await actionCall;
  await expect(page.getByText(name).first()).toBeVisible();

  const headers = call.headers();
  const replay = (tokenName: string, origin: string) =>
    page.request.post(call.url(), {
      headers: {
        "next-action": headers["next-action"]!,
        "next-router-state-tree": headers["next-router-state-tree"] ?? "",
        "content-type": headers["content-type"] ?? "text/plain;charset=UTF-8",
        accept: "text/x-component",
        origin,
      },
      data: call.postData()!.replace(name, tokenName),
    });

  // The victim's own cookie rides along (as it would in a browser without SameSite): the Origin check alone must stop it.
  const forged = await replay(`forged-${stamp}`, "https://evil.example");
  expect(forged.ok(), `forged call answered ${forged.status()}`).toBe(false);
  const control = await replay(`replayed-${stamp}`, new URL(baseURL!).origin);
  expect(control.status()).toBe(200);

  await page.reload();
  await expect(page.getByText(`replayed-${stamp}`).first()).toBeVisible();
  await expect(page.getByText(`forged-${stamp}`)).toHaveCount(0);
});
