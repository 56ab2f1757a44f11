import { beforeAll, describe, expect, it, vi } from "vitest";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { apiRequest, routeContext, unique, userWithToken } from "@/test/api-fixtures";
import { seedJudgment, seedUsers } from "@/lib/export/test-fixtures";
import { leaderboardJson } from "@/lib/validations/agreement";
import { biasJson } from "@/lib/validations/bias";
import { GET as bias } from "@/app/api/v1/projects/[slug]/bias/route";
import { GET as leaderboard } from "@/app/api/v1/projects/[slug]/leaderboard/route";
import { GET as agreement } from "@/app/api/v1/projects/[slug]/agreement/route";
import { agreementJson } from "@/lib/validations/agreement";

vi.mock("next/headers", async (importOriginal) => ({ ...(await importOriginal<object>()), headers: async () => new Headers() }));

/** `GET …/bias` and `GET …/leaderboard?style_control=1`: documented schemas, and bad parameters refused with a message. */
withTestDb();
let lead: { token: string; id: string };
let slug: string;

beforeAll(async () => {
  lead = await userWithToken("lead", "LEAD");
  slug = `bias-${unique()}`;
  const project = await db.project.create({ data: { slug, name: "Bias over HTTP", scale: 3 } });
  await db.membership.create({ data: { userId: lead.id, projectId: project.id, role: "LEAD" } });
  const judges = await seedUsers(2);
  // "long" always answers at length and always wins; "short" never does.
  for (let i = 0; i < 12; i++) {
    const longIsA = i % 2 === 0;
    const item = await db.item.create({
      data: {
        projectId: project.id,
        externalId: `q-${i}`,
        prompt: "p",
        responseA: longIsA ? "word ".repeat(150) : "short answer",
        responseB: longIsA ? "short answer" : "word ".repeat(150) + "\n# Heading",
        modelA: longIsA ? "long" : "short",
        modelB: longIsA ? "short" : "long",
      },
    });
    for (const judge of judges) await seedJudgment(item.id, judge.id, { preference: longIsA ? -2 : 2, shownSwapped: i % 3 === 0 });
  }
});

describe("bias and style control over REST", () => {
  it("answers the bias figures in the documented shape", async () => {
    const response = await bias(apiRequest(`/projects/${slug}/bias`, { token: lead.token }), routeContext({ slug }));
    expect(response.status).toBe(200);
    const body = biasJson.parse(await response.json());
    expect(body).toMatchObject({ project: slug, judgments: 24, decisive: 24 });
    expect(body.features.words).toMatchObject({ counted: 24, more_wins: 24, share: 1 });
    expect(body.per_annotator).toHaveLength(2);
    const refused = await bias(apiRequest(`/projects/${slug}/bias?x=1`, { token: lead.token }), routeContext({ slug }));
    expect(refused.status).toBe(400);
  });

  it("adds the style-controlled fit with style_control=1, and says what is wrong with a bad value", async () => {
    const plain = leaderboardJson.parse(await (await leaderboard(apiRequest(`/projects/${slug}/leaderboard?bootstrap=20`, { token: lead.token }), routeContext({ slug }))).json());
    expect(plain.style_control).toBeUndefined();
    expect(plain.separation).toEqual([{ higher: "long", lower: "short", separated: expect.any(Boolean), comparisons: 24, higher_share: 1, more_needed: expect.any(Number) }]);

    const response = await leaderboard(apiRequest(`/projects/${slug}/leaderboard?bootstrap=20&style_control=1`, { token: lead.token }), routeContext({ slug }));
    expect(response.status).toBe(200);
    const body = leaderboardJson.parse(await response.json());
    expect(body.style_control!.models.map((m) => m.model).sort()).toEqual(["long", "short"]);
    expect(body.style_control!.style.map((s) => s.feature)).toEqual(["words", "headers", "list_items", "bold"]);
    expect(body.style_control!).toMatchObject({ comparisons_total: 24, bootstrap: 20 });
    expect(body.style_control!.separation).toHaveLength(1);

    const off = leaderboardJson.parse(await (await leaderboard(apiRequest(`/projects/${slug}/leaderboard?bootstrap=0&style_control=0`, { token: lead.token }), routeContext({ slug }))).json());
    expect(off.style_control).toBeUndefined();

    for (const bad of ["yes-please", "2", ""]) {
      const refused = await leaderboard(apiRequest(`/projects/${slug}/leaderboard?style_control=${bad}`, { token: lead.token }), routeContext({ slug }));
      expect(refused.status).toBe(400);
      expect(JSON.stringify(await refused.json())).toContain("style_control must be 1 or 0");
    }
  });

  it("adds the agreement figures' bootstrap intervals with intervals=1", async () => {
    const body = agreementJson.parse(await (await agreement(apiRequest(`/projects/${slug}/agreement?intervals=1`, { token: lead.token }), routeContext({ slug }))).json());
    expect(body.intervals!.items_by_judgments).toEqual({ "2": 12 });
    expect(body.intervals!.rounds).toBeGreaterThan(0);
    const plain = agreementJson.parse(await (await agreement(apiRequest(`/projects/${slug}/agreement`, { token: lead.token }), routeContext({ slug }))).json());
    expect(plain.intervals).toBeUndefined();
  });
});
