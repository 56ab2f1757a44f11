import { beforeAll, describe, expect, it, vi } from "vitest";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { apiRequest, unique, userWithToken } from "@/test/api-fixtures";
import { actorFromRequest } from "@/lib/auth/session";
import { getProjectForActor, type ProjectAccess } from "@/lib/permissions";
import { actorAndProjectFromRequest } from "./actor-and-project";

vi.mock("next/headers", async (importOriginal) => ({ ...(await importOriginal<object>()), headers: async () => new Headers() }));
/** The session cookie's user, as next-auth would give it (null: no session). */
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null),
}));

withTestDb();

/** The one-query path must answer exactly as actorFromRequest then getProjectForActor. */
const outcome = (promise: Promise<unknown>) => promise.then((value) => ({ ok: value }), (error: { code?: string; message: string }) => ({ error: error.code, message: error.message }));
const twoStep = (request: Request, slug: string, access: ProjectAccess) =>
  actorFromRequest(request).then(async (actor) => ({ actor, project: await getProjectForActor({ actor, slug, access }) }));

let tokens: Record<string, string>;
let userIds: Record<string, string>;
let slugs: { active: string; paused: string };

beforeAll(async () => {
  const [member, lead, outsider, admin, disabled, revoked] = await Promise.all([
    userWithToken("member"),
    userWithToken("lead", "LEAD"),
    userWithToken("outsider"),
    userWithToken("admin", "ADMIN"),
    userWithToken("disabled"),
    userWithToken("revoked"),
  ]);
  await db.user.update({ where: { id: disabled.id }, data: { disabled: true } });
  await db.apiToken.updateMany({ where: { userId: revoked.id }, data: { revokedAt: new Date() } });
  slugs = { active: `a-${unique()}`, paused: `p-${unique()}` };
  for (const [slug, status] of [[slugs.active, "ACTIVE"], [slugs.paused, "PAUSED"]] as const) {
    const project = await db.project.create({ data: { slug, name: slug, status } });
    await db.membership.createMany({
      data: [member, disabled, revoked].map((u) => ({ userId: u.id, projectId: project.id })).concat([{ userId: lead.id, projectId: project.id, role: "LEAD" } as never]),
    });
  }
  userIds = { member: member.id, lead: lead.id, outsider: outsider.id, admin: admin.id, disabled: disabled.id, gone: "no-such-user" };
  tokens = { member: member.token, lead: lead.token, outsider: outsider.token, admin: admin.token, disabled: disabled.token, revoked: revoked.token, unknown: "pw_unknown_token" };
});

describe("actorAndProjectFromRequest", () => {
  it("answers as the two-step path for every caller, project and access", async () => {
    const cases: string[] = [];
    for (const who of Object.keys(tokens)) {
      for (const slug of [slugs.active, slugs.paused, "no-such-project"]) {
        for (const access of ["view", "annotate", "lead"] as const) {
          const request = () => apiRequest(`/projects/${slug}`, { token: tokens[who] });
          const [one, two] = await Promise.all([outcome(actorAndProjectFromRequest(request(), slug, access)), outcome(twoStep(request(), slug, access))]);
          expect(one, `${who} ${slug} ${access}`).toEqual(two);
          cases.push("ok" in one ? "ok" : String(one.error));
        }
      }
    }
    // Every kind of answer was compared.
    expect(new Set(cases)).toEqual(new Set(["ok", "not_found", "forbidden", "conflict", "unauthorized"]));
  });

  it("a malformed Authorization header gets the same refusal", async () => {
    const request = () => new Request("http://localhost/api/v1/projects/x", { headers: { authorization: "Token abc" } });
    expect(await outcome(actorAndProjectFromRequest(request(), slugs.active, "view"))).toEqual(await outcome(twoStep(request(), slugs.active, "view")));
  });

  it("with the session cookie, answers as the two-step path for every user, project and access, and refuses a cross-site write", async () => {
    const cases: string[] = [];
    for (const who of [...Object.keys(userIds), "nobody"]) {
      session.userId = who === "nobody" ? null : userIds[who]!;
      for (const slug of [slugs.active, slugs.paused, "no-such-project"]) {
        for (const access of ["view", "annotate", "lead"] as const) {
          const request = () => new Request(`http://localhost/api/v1/projects/${slug}/next`);
          const [one, two] = await Promise.all([outcome(actorAndProjectFromRequest(request(), slug, access)), outcome(twoStep(request(), slug, access))]);
          expect(one, `${who} ${slug} ${access}`).toEqual(two);
          cases.push("ok" in one ? "ok" : String(one.error));
        }
      }
    }
    expect(new Set(cases)).toEqual(new Set(["ok", "not_found", "forbidden", "conflict", "unauthorized"]));
    session.userId = userIds.member!;
    const post = () => new Request(`http://localhost/api/v1/projects/${slugs.active}/judgments`, { method: "POST", headers: { origin: "https://elsewhere.example" }, body: "{}" });
    const refused = await outcome(actorAndProjectFromRequest(post(), slugs.active, "annotate"));
    expect(refused).toEqual(await outcome(twoStep(post(), slugs.active, "annotate")));
    expect(refused).toMatchObject({ error: "forbidden" });
    session.userId = null;
  });
});
