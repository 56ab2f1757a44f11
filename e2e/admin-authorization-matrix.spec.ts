import { test, expect, fixtures, signInAs } from "./fixtures";

/**
 * Every admin page against every kind of user, as a table: one line per page.
 * 200 = shown, 403 = refused (forbidden page), 404 = not found (a project
 * the user is no member of answers like an unknown one), "login" = sent to sign in.
 * Actors: anonymous, annotator member of the project, annotator outside it,
 * lead of another project, lead of this project, admin.
 */
type Expect = 200 | 403 | 404 | "login";
type Row = [path: string, anonymous: Expect, member: Expect, outsider: Expect, otherLead: Expect, lead: Expect, admin: Expect];

const kb = "e2e-keyboard";
const pages: Row[] = [
  ["/admin", "login", 403, 403, 200, 200, 200],
  ["/admin/projects/new", "login", 403, 403, 200, 200, 200],
  ["/admin/users", "login", 403, 403, 403, 403, 200],
  ["/admin/audit", "login", 403, 403, 200, 200, 200],
  [`/admin/projects/${kb}`, "login", 403, 403, 404, 200, 200],
  [`/admin/projects/${kb}/items`, "login", 403, 403, 404, 200, 200],
  [`/admin/projects/${kb}/items/kb-1`, "login", 403, 403, 404, 200, 200],
  [`/admin/projects/${kb}/skips`, "login", 403, 403, 404, 200, 200],
  [`/admin/projects/${kb}/import`, "login", 403, 403, 404, 200, 200],
  [`/admin/projects/${kb}/members`, "login", 403, 403, 404, 200, 200],
  [`/admin/projects/${kb}/progress`, "login", 403, 403, 404, 200, 200],
  [`/admin/projects/${kb}/agreement`, "login", 403, 403, 404, 200, 200],
  [`/admin/projects/${kb}/quality`, "login", 403, 403, 404, 200, 200],
  [`/admin/projects/${kb}/leaderboard`, "login", 403, 403, 404, 200, 200],
  [`/admin/projects/${kb}/export`, "login", 403, 403, 404, 200, 200],
  [`/admin/projects/${kb}/settings`, "login", 403, 403, 404, 200, 200],
];

const actors = ["anonymous", "member", "outsider", "otherLead", "lead", "admin"] as const;

for (const [index, actor] of actors.entries()) {
  test(`admin pages as ${actor}: each is shown, refused or sends to sign-in as the table says`, async ({ page }) => {
    const f = fixtures();
    const email = { anonymous: null, member: f.users.annotator, outsider: f.users.outsider, otherLead: f.users.otherLead, lead: f.users.lead, admin: f.users.admin }[actor];
    if (email) await signInAs(page, email);
    const seen: string[] = [];
    const wanted: string[] = [];
    for (const row of pages) {
      const expected = row[index + 1] as Expect;
      const response = await page.goto(row[0]);
      const got = new URL(page.url()).pathname === "/login" ? "login" : response?.status();
      seen.push(`${row[0]} → ${got}`);
      wanted.push(`${row[0]} → ${expected}`);
    }
    expect(seen).toEqual(wanted);
  });
}
