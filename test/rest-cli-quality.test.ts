import { beforeAll, describe, expect, it, vi } from "vitest";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { apiRequest, routeContext, userWithToken } from "@/test/api-fixtures";
import { runInProcess } from "@/test/cli";
import { simulateCampaign } from "@/lib/quality/simulate-campaign";
import { seedCampaign } from "@/lib/quality/test-campaign";
import { readProjectQuality } from "@/lib/quality/project-quality";
import { loadActor } from "@/lib/permissions";
import { qualityJson } from "@/lib/validations/quality";
import { GET as quality } from "@/app/api/v1/projects/[slug]/quality/route";
import { run } from "@/cli/commands/quality";

// A request from a script has no Origin; the route only checks it for cookie requests.
vi.mock("next/headers", async (importOriginal) => ({ ...(await importOriginal<object>()), headers: async () => new Headers() }));
// The test database is handed to lib/db directly; the CLI's schema check looks for a file on disk.
vi.mock("@/cli/shared/database", () => ({ openDatabase: async () => undefined }));

withTestDb();
let lead: Awaited<ReturnType<typeof userWithToken>>;
let admin: Awaited<ReturnType<typeof userWithToken>>;
let annotator: Awaited<ReturnType<typeof userWithToken>>;
const slug = "quality-rest";

beforeAll(async () => {
  admin = await userWithToken("admin", "ADMIN");
  lead = await userWithToken("lead", "LEAD");
  annotator = await userWithToken("annotator", "ANNOTATOR");
  const { project } = await seedCampaign(simulateCampaign({ seed: 3, items: 80, goldShare: 0.15 }), { slug });
  await db.membership.createMany({ data: [{ userId: lead.id, projectId: project.id, role: "LEAD" }, { userId: annotator.id, projectId: project.id, role: "ANNOTATOR" }] });
});


describe("GET …/quality and `cli quality`", () => {
  it("give exactly readProjectQuality's figures, as documented", async () => {
    const expected = JSON.parse(JSON.stringify(await readProjectQuality({ actor: await loadActor(lead.id), slug })));
    const response = await quality(apiRequest(`/projects/${slug}/quality`, { token: lead.token }), routeContext({ slug }));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toEqual(expected);
    expect(qualityJson.strict().parse(body)).toBeTruthy();
    expect(body.per_annotator.length).toBeGreaterThanOrEqual(12);

    const cli = await runInProcess(run, ["--project", slug, "--as", lead.email]);
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout)).toEqual(expected);
    // As the first admin (the CLI's default), the same numbers too.
    const asAdmin = await runInProcess(run, ["--project", slug]);
    expect(JSON.parse(asAdmin.stdout)).toEqual(expected);
  });

  it("refuses annotators (403), non-members (404) and identities to leads", async () => {
    expect((await quality(apiRequest(`/projects/${slug}/quality`, { token: annotator.token }), routeContext({ slug }))).status).toBe(403);
    const stranger = await userWithToken("stranger", "LEAD");
    expect((await quality(apiRequest(`/projects/${slug}/quality`, { token: stranger.token }), routeContext({ slug }))).status).toBe(404);
    expect((await quality(apiRequest(`/projects/${slug}/quality?identities=true`, { token: lead.token }), routeContext({ slug }))).status).toBe(403);
    expect((await quality(apiRequest(`/projects/${slug}/quality?bogus=1`, { token: lead.token }), routeContext({ slug }))).status).toBe(400);
    const withNames = await quality(apiRequest(`/projects/${slug}/quality?identities=true`, { token: admin.token }), routeContext({ slug }));
    expect(Object.keys((await withNames.json()).identities).length).toBeGreaterThanOrEqual(12);

    const refused = await runInProcess(run, ["--project", slug, "--as", annotator.email]);
    expect(refused.code).toBe(1);
    expect((await runInProcess(run, ["--project", slug, "--identities", "--as", lead.email])).code).toBe(1);
    expect((await runInProcess(run, ["--project", slug, "--as", stranger.email])).stderr).toMatch(/No project/);
    expect((await runInProcess(run, [])).code).toBe(2);
  });
});
