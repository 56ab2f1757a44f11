import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { choiceOf } from "@/lib/scale/preference-scale";
import type { SimulatedCampaign } from "./simulate-campaign";

/**
 * A simulated campaign in the database, for the quality tests (not used by
 * the app): one user per simulated annotator (project members), one item
 * per simulated item, and each simulated judgment stored as the app stores
 * it: a Judgment on a real item, or an answered GOLD CheckAnswer on an item
 * whose gold label the campaign gives (goldShare), never a Judgment there.
 */
export async function seedCampaign(campaign: SimulatedCampaign, options: { slug?: string; scale?: number } = {}) {
  const slug = options.slug ?? `sim-${randomUUID().slice(0, 8)}`;
  const project = await db.project.create({ data: { slug, name: `Simulated ${slug}`, scale: options.scale ?? 3 } });
  const userOf = new Map<string, string>();
  for (const a of campaign.annotators) {
    const user = await db.user.create({ data: { email: `${a.id}-${randomUUID().slice(0, 6)}@example.com`, name: `Sim ${a.id}` } });
    userOf.set(a.id, user.id);
  }
  await db.membership.createMany({ data: [...userOf.values()].map((userId) => ({ userId, projectId: project.id, role: "ANNOTATOR" as const })) });
  const itemOf = new Map<string, string>();
  const itemIds = [...campaign.truth.keys()];
  const goldPreference = (id: string) => {
    const g = campaign.gold.get(id);
    return g === undefined ? null : g === "A" ? -2 : g === "B" ? 2 : 0;
  };
  await db.item.createMany({
    data: itemIds.map((externalId) => {
      const id = `${slug}-${externalId}`;
      itemOf.set(externalId, id);
      return { id, projectId: project.id, externalId, prompt: `Prompt ${externalId}`, responseA: "a", responseB: "b", goldPreference: goldPreference(externalId) };
    }),
  });
  const base = Date.parse("2026-11-01T00:00:00Z");
  const judgments = [];
  const checks = [];
  for (const [k, j] of campaign.judgments.entries()) {
    const itemId = itemOf.get(j.itemId)!;
    const userId = userOf.get(j.annotatorId)!;
    const at = new Date(base + k * 1000);
    const gold = campaign.gold.get(j.itemId);
    if (gold !== undefined) {
      checks.push({ id: `${slug}-c${k}`, projectId: project.id, itemId, userId, kind: "GOLD" as const, swapped: j.shownSwapped, expiresAt: at, open: false, answeredAt: at, preference: j.preference, firstPreference: j.preference, correct: choiceOf(j.preference) === gold });
    } else {
      judgments.push({ itemId, userId, preference: j.preference, guidelinesVersion: 1, shownSwapped: j.shownSwapped, durationMs: 5000 + (k % 7) * 1000, clientId: `${slug}-j${k}`, createdAt: at });
    }
  }
  for (let i = 0; i < judgments.length; i += 1000) await db.judgment.createMany({ data: judgments.slice(i, i + 1000) });
  for (let i = 0; i < checks.length; i += 1000) await db.checkAnswer.createMany({ data: checks.slice(i, i + 1000) });
  return { project, userOf, itemOf };
}
