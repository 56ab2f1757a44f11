import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { apiRequest, routeContext, unique, userWithToken } from "@/test/api-fixtures";
import { getPseudonymKey, pseudonymFor } from "@/lib/export/pseudonym";
import { agreementJson, leaderboardJson } from "@/lib/validations/agreement";
import { judgmentImportReportJson } from "@/lib/validations/judgment-import";
import { POST as importJudgments } from "@/app/api/v1/projects/[slug]/judgments/import/route";
import { GET as agreement } from "@/app/api/v1/projects/[slug]/agreement/route";
import { GET as leaderboard } from "@/app/api/v1/projects/[slug]/leaderboard/route";

// A request from a script has no Origin; the route only checks it for cookie requests.
vi.mock("next/headers", async (importOriginal) => ({ ...(await importOriginal<object>()), headers: async () => new Headers() }));

/**
 * Judgments in through `POST …/judgments/import`, figures out through
 * `GET …/agreement` and `GET …/leaderboard`: the answers match their
 * documented schemas, and the import's bad-line rules hold over HTTP.
 */
withTestDb();
let lead: { token: string; id: string };
let admin: { token: string; id: string };
let slug: string;
const spool = fs.mkdtempSync(path.join(os.tmpdir(), "pw-judgments-test-"));

beforeAll(async () => {
  process.env.TMPDIR = spool;
  lead = await userWithToken("lead", "LEAD");
  admin = await userWithToken("admin", "ADMIN");
  slug = `agr-${unique()}`;
  const project = await db.project.create({ data: { slug, name: "Agreement over HTTP", scale: 3 } });
  await db.membership.create({ data: { userId: lead.id, projectId: project.id, role: "LEAD" } });
  for (let i = 0; i < 12; i++) {
    await db.item.create({ data: { projectId: project.id, externalId: `q-${i}`, prompt: "p", responseA: "a", responseB: "b", modelA: i % 2 ? "big" : "small", modelB: i % 2 ? "small" : "big" } });
  }
});
afterAll(async () => {
  fs.rmSync(spool, { recursive: true, force: true });
});

async function upload(body: string, query = "") {
  const request = new Request(`http://localhost/api/v1/projects/${slug}/judgments/import${query}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${lead.token}`, "Content-Type": "application/x-ndjson" },
    body,
  });
  const response = await importJudgments(request, routeContext({ slug }));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

// Both annotators prefer "big" on every item; "v-1" says so more strongly.
const file = ["v-1", "v-2"].flatMap((annotator, a) =>
  Array.from({ length: 12 }, (_, i) => JSON.stringify({ item_id: `q-${i}`, annotator, preference: (i % 2 ? -1 : 1) * (a ? 1 : 3) })),
);

describe("judgments import, agreement and leaderboard over REST", () => {
  it("refuses a file with a bad line (422, nothing imported), then imports it whole", async () => {
    const bad = await upload([...file, '{"item_id": "q-0"}'].join("\n"));
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ imported: 0, total_errors: 1, errors: [{ line: 25, reason: expect.stringMatching(/^annotator: is required/) }], error: { code: "unprocessable" } });
    expect(await db.judgment.count()).toBe(0);

    const good = await upload(file.join("\n"));
    expect(good.status).toBe(200);
    expect(judgmentImportReportJson.parse(good.body)).toEqual({ imported: 24, duplicates: 0, errors: [], total_errors: 0, lines: 24, annotators_created: 2, dry_run: false });
    const again = await upload(file.join("\n"), "?on_error=skip");
    expect(again).toMatchObject({ status: 200, body: { imported: 0, duplicates: 24 } });
    expect((await upload("")).status).toBe(422);
  });

  it("answers the agreement of the imported judgments, with identities for admins only", async () => {
    const response = await agreement(apiRequest(`/projects/${slug}/agreement`, { token: lead.token }), routeContext({ slug }));
    expect(response.status).toBe(200);
    const body = agreementJson.parse(await response.json());
    expect(body).toMatchObject({ project: slug, scale: 3, items: 12, annotators: 2, judgments: 24, percent_agreement: 1, mean_cohen_kappa: 1 });
    expect(body.identities).toBeUndefined();
    const key = await getPseudonymKey((await db.project.findUniqueOrThrow({ where: { slug } })).id);
    const v1 = await db.user.findFirstOrThrow({ where: { name: "v-1", external: true } });
    expect(body.per_annotator.map((a) => a.annotator)).toContain(pseudonymFor(v1.id, key));

    const forAdmin = await agreement(apiRequest(`/projects/${slug}/agreement?identities=true&disputed=0`, { token: admin.token }), routeContext({ slug }));
    const adminBody = agreementJson.parse(await forAdmin.json());
    expect(adminBody.identities?.[pseudonymFor(v1.id, key)]).toEqual({ name: "v-1", email: v1.email, external: true });
    expect(adminBody.disputed_items).toEqual([]);
    const refused = await agreement(apiRequest(`/projects/${slug}/agreement?identities=true`, { token: lead.token }), routeContext({ slug }));
    expect(refused.status).toBe(403);
    expect((await agreement(apiRequest(`/projects/${slug}/agreement?bogus=1`, { token: lead.token }), routeContext({ slug }))).status).toBe(400);
  });

  it("ranks the models of the imported judgments", async () => {
    const response = await leaderboard(apiRequest(`/projects/${slug}/leaderboard?bootstrap=20`, { token: lead.token }), routeContext({ slug }));
    expect(response.status).toBe(200);
    const body = leaderboardJson.parse(await response.json());
    expect(body.models.map((m) => m.model)).toEqual(["big", "small"]);
    expect(body).toMatchObject({ project: slug, comparisons_total: 24, bootstrap: 20, pairs: [{ a: "big", b: "small", comparisons: 24, a_wins: 24, b_wins: 0, ties: 0 }] });
    expect((await leaderboard(apiRequest(`/projects/${slug}/leaderboard?bootstrap=-1`, { token: lead.token }), routeContext({ slug }))).status).toBe(400);
  });
});
