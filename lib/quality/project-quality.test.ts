import { beforeAll, describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { failure } from "@/test/app-error";
import { createActor } from "@/test/api-fixtures";
import { db } from "@/lib/db";
import { getPseudonymKey, pseudonymFor } from "@/lib/export/pseudonym";
import { getProjectAgreement } from "@/lib/agreement/project-agreement";
import { simulateCampaign } from "./simulate-campaign";
import { seedCampaign } from "./test-campaign";
import { readProjectQuality, type ProjectQuality } from "./project-quality";

withTestDb();

// The mix on a small campaign: 8 truthful annotators (0.95 … 0.5), three spammers, one always-left.
const campaign = simulateCampaign({ seed: 7, items: 260, goldShare: 0.12 });
let seeded: Awaited<ReturnType<typeof seedCampaign>>;
let admin: Awaited<ReturnType<typeof createActor>>;
let lead: Awaited<ReturnType<typeof createActor>>;
let result: ProjectQuality;
let key: string;

beforeAll(async () => {
  seeded = await seedCampaign(campaign, { slug: "sim-quality" });
  admin = await createActor("admin", "ADMIN");
  lead = await createActor("lead", "LEAD");
  await db.membership.create({ data: { userId: lead.id, projectId: seeded.project.id, role: "LEAD" } });
  key = await getPseudonymKey(seeded.project.id);
  result = await readProjectQuality({ actor: admin, slug: "sim-quality" });
});

const pseudonymOf = (simId: string) => pseudonymFor(seeded.userOf.get(simId)!, key);

describe("readProjectQuality on a simulated campaign seeded into the database", () => {
  it("ranks the spammers and the always-left annotator last by reliability", () => {
    const row = (simId: string) => result.per_annotator.find((r) => r.annotator === pseudonymOf(simId))!;
    const ranked = [...campaign.annotators].sort((x, y) => row(y.id).reliability! - row(x.id).reliability!);
    const last4 = ranked.slice(-4).map((a) => a.profile.kind).sort();
    expect(last4).toEqual(["left", "random", "random", "random"]);
    // The truthful ones in order of their measured accuracy, near enough (Spearman).
    const truthful = campaign.annotators.filter((a) => a.profile.kind === "truthful");
    const rank = (values: number[]) => values.map((v) => values.filter((w) => w < v).length);
    const ra = rank(truthful.map((a) => a.accuracy));
    const rr = rank(truthful.map((a) => row(a.id).reliability!));
    const n = truthful.length;
    const spearman = 1 - (6 * ra.reduce((s, r, i) => s + (r - rr[i]!) ** 2, 0)) / (n * (n * n - 1));
    expect(spearman).toBeGreaterThanOrEqual(0.9);
    expect(result.reading.join(" ")).toMatch(/3 annotators answer near chance|4 annotators answer near chance/);
  });

  it("counts only real items' judgments, and the gold answers apart, with a Wilson interval", async () => {
    const goldJudgments = campaign.judgments.filter((j) => campaign.gold.has(j.itemId)).length;
    expect(result.judgments).toBe(campaign.judgments.length - goldJudgments);
    expect(result.gold_answers).toBe(goldJudgments);
    expect(result.gold_items).toBe(new Set(campaign.judgments.filter((j) => campaign.gold.has(j.itemId)).map((j) => j.itemId)).size);
    for (const a of campaign.annotators) {
      const row = result.per_annotator.find((r) => r.annotator === pseudonymOf(a.id))!;
      const mine = campaign.judgments.filter((j) => j.annotatorId === a.id);
      const gold = mine.filter((j) => campaign.gold.has(j.itemId));
      expect(row.judgments).toBe(mine.length - gold.length);
      expect(row.gold.answered).toBe(gold.length);
      expect(row.status).toBe("active");
      if (row.gold.answered > 0) {
        expect(row.gold.ci_low!).toBeLessThanOrEqual(row.gold.accuracy!);
        expect(row.gold.ci_high!).toBeGreaterThanOrEqual(row.gold.accuracy!);
      }
      for (const confusionRow of row.confusion!) expect(confusionRow.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 9);
    }
    // Majority agreement, side bias and median time are the agreement page's own figures (same table).
    const { agreement } = await getProjectAgreement({ projectId: seeded.project.id });
    expect(agreement.judgments).toBe(result.judgments);
    for (const a of agreement.per_annotator) {
      const row = result.per_annotator.find((r) => r.annotator === a.annotator)!;
      expect([row.majority_agreement, row.side_bias, row.median_duration_ms]).toEqual([a.majority_agreement, a.side_bias, a.median_duration_ms]);
    }
  });

  it("leaves legacy judgments on gold items out, and smaller batches change nothing", async () => {
    const goldItem = [...campaign.gold.keys()][0]!;
    const outsider = await db.user.create({ data: { email: "legacy@example.com", name: "Legacy" } });
    await db.judgment.create({ data: { itemId: seeded.itemOf.get(goldItem)!, userId: outsider.id, preference: 3, guidelinesVersion: 1, clientId: "legacy-1" } });
    const again = await readProjectQuality({ actor: admin, slug: "sim-quality", batchSize: 17 });
    expect(again.judgments).toBe(result.judgments);
    expect(again.per_annotator.find((r) => r.annotator === pseudonymFor(outsider.id, key))?.judgments ?? 0).toBe(0);
    expect(again.per_annotator.filter((r) => r.annotator !== pseudonymFor(outsider.id, key))).toEqual(result.per_annotator);
    await db.judgment.delete({ where: { clientId: "legacy-1" } });
  });

  it("shows each member's quality status", async () => {
    const userId = seeded.userOf.get("annotator-09")!;
    await db.membership.update({ where: { userId_projectId: { userId, projectId: seeded.project.id } }, data: { qualityStatus: "PAUSED" } });
    const paused = await readProjectQuality({ actor: admin, slug: "sim-quality" });
    expect(paused.per_annotator.find((r) => r.annotator === pseudonymFor(userId, key))!.status).toBe("paused");
    expect(paused.reading.join(" ")).toMatch(/1 paused/);
    await db.membership.update({ where: { userId_projectId: { userId, projectId: seeded.project.id } }, data: { qualityStatus: "ACTIVE" } });
  });
});

describe("readProjectQuality access", () => {
  it("is for the project's leads and admins: annotators 403, non-members 404", async () => {
    const annotator = await createActor("ann", "ANNOTATOR");
    await db.membership.create({ data: { userId: annotator.id, projectId: seeded.project.id, role: "ANNOTATOR" } });
    expect((await failure(readProjectQuality({ actor: annotator, slug: "sim-quality" }))).code).toBe("forbidden");
    const stranger = await createActor("stranger", "LEAD");
    expect((await failure(readProjectQuality({ actor: stranger, slug: "sim-quality" }))).code).toBe("not_found");
    expect((await failure(readProjectQuality({ actor: admin, slug: "no-such-project" }))).code).toBe("not_found");
  });

  it("gives pseudonyms, and names only as annotatorIdentityScope allows", async () => {
    const plain = await readProjectQuality({ actor: lead, slug: "sim-quality" });
    expect(plain.identities).toBeUndefined();
    // The annotator added above has given nothing: a row with no figures.
    expect(plain.per_annotator.filter((r) => r.reliability !== null)).toEqual(result.per_annotator);
    expect(plain.per_annotator.find((r) => r.reliability === null)).toMatchObject({ judgments: 0, status: "active", gold: { answered: 0, accuracy: null } });
    const page = await readProjectQuality({ actor: lead, slug: "sim-quality", identities: "page" });
    expect(page.identities![pseudonymOf("annotator-01")]).toMatchObject({ name: "Sim annotator-01" });
    expect(page.reading.join(" ")).toMatch(/Sim annotator-/);
    expect((await failure(readProjectQuality({ actor: lead, slug: "sim-quality", identities: "export" }))).code).toBe("forbidden");
    const asAdmin = await readProjectQuality({ actor: admin, slug: "sim-quality", identities: "export" });
    expect(Object.keys(asAdmin.identities!).length).toBeGreaterThanOrEqual(12);
  });

  it("maps members' pseudonyms to user ids only when asked (the quality page's actions), never by default", async () => {
    expect(result.member_ids).toBeUndefined();
    const page = await readProjectQuality({ actor: lead, slug: "sim-quality", identities: "page", memberIds: true });
    const userId = seeded.userOf.get("annotator-01")!;
    expect(page.member_ids![pseudonymFor(userId, key)]).toBe(userId);
    expect(page.member_ids![pseudonymFor(lead.id, key)]).toBe(lead.id);
    expect(Object.keys(page.member_ids!)).toHaveLength(await db.membership.count({ where: { projectId: seeded.project.id } }));
  });
});
