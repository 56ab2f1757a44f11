import http from "node:http";
import type { AddressInfo } from "node:net";
import { test, expect, fixtures, signInAs } from "./fixtures";

/**
 * CSRF on the REST API, as an attacker would try it: a page served from
 * another port of the same host (same-site, so the SameSite=Lax session
 * cookie rides along) posts to the API with the signed-in lead's cookie,
 * using the body types a page may send without a CORS preflight. Nothing may
 * change. The same calls made by the app's own page go through.
 */

type Member = { email: string; role: string };

async function membersOf(request: import("@playwright/test").APIRequestContext, slug: string): Promise<Member[]> {
  const response = await request.get(`/api/v1/projects/${slug}/members`, { headers: { Authorization: `Bearer ${fixtures().adminToken}` } });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { members: Member[] }).members;
}

function attackerPage(target: string, slug: string, victimEmail: string, stamp: string): string {
  const members = `${target}/api/v1/projects/${slug}/members`;
  const projects = `${target}/api/v1/projects`;
  return `<!doctype html><html><body>
<form id="f" method="POST" action="${projects}" enctype="text/plain" target="sink">
  <input name='{"slug":"planted-${stamp}","name":"x","pad":"' value='"}'>
</form>
<iframe name="sink"></iframe>
<script>
  const body = JSON.stringify({ email: ${JSON.stringify(victimEmail)}, role: "LEAD" });
  Promise.allSettled([
    fetch(${JSON.stringify(members)}, { method: "POST", mode: "no-cors", credentials: "include", headers: { "Content-Type": "text/plain" }, body }),
    fetch(${JSON.stringify(members)}, { method: "POST", mode: "no-cors", credentials: "include", body: new URLSearchParams({ email: ${JSON.stringify(victimEmail)} }) }),
  ]).then(() => { document.getElementById("f").submit(); setTimeout(() => { document.title = "done"; }, 1500); });
</script></body></html>`;
}

test("a page on another port cannot change anything with the lead's cookie; the app's own page can", async ({ page, baseURL }) => {
  const f = fixtures();
  const slug = f.projects.keyboard;
  const stamp = Date.now().toString(36);
  await signInAs(page, f.users.lead);
  const before = await membersOf(page.request, slug);
  expect(before.map((m) => m.email)).not.toContain(f.users.outsider);

  const server = http.createServer((_, response) => {
    response.writeHead(200, { "Content-Type": "text/html" });
    response.end(attackerPage(new URL(baseURL!).origin, slug, f.users.outsider, stamp));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const { port } = server.address() as AddressInfo;
    await page.goto(`http://127.0.0.1:${port}/`);
    await expect(page).toHaveTitle("done", { timeout: 15_000 });
  } finally {
    server.close();
  }
  expect((await membersOf(page.request, slug)).map((m) => m.email)).not.toContain(f.users.outsider);
  const planted = await page.request.get(`/api/v1/projects/planted-${stamp}`, { headers: { Authorization: `Bearer ${f.adminToken}` } });
  expect(planted.status()).toBe(404);

  // The control: a write from the app's own page (as the admin pages make it) is accepted.
  await page.goto("/projects");
  const control = await page.evaluate(
    async ([url, text]) => {
      const response = await fetch(url!, { method: "PATCH", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ description: text }) });
      return { status: response.status, body: (await response.json()) as { project?: { description?: string } } };
    },
    [`/api/v1/projects/${slug}`, `Checked at ${stamp}`],
  );
  expect(control.status).toBe(200);
  expect(control.body.project?.description).toBe(`Checked at ${stamp}`);
});
