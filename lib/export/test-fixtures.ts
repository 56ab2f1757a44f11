import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Prompt } from "./types";

/** Small builders for the export tests' fixtures (not used by the app). */
export async function seedProject(data: { slug?: string; scale?: number; allowTie?: boolean; guidelines?: string; guidelinesVersion?: number; overlap?: number } = {}) {
  return db.project.create({ data: { slug: data.slug ?? `p-${randomUUID().slice(0, 8)}`, name: `Project ${data.slug ?? "test"}`, ...data } });
}

export async function seedUsers(count: number) {
  const users = [];
  for (let i = 0; i < count; i++) {
    users.push(await db.user.create({ data: { email: `user${i}-${randomUUID().slice(0, 6)}@example.com`, name: `User ${i}` } }));
  }
  return users;
}

export type SeedItem = {
  externalId: string;
  prompt?: Prompt;
  responseA?: string;
  responseB?: string;
  modelA?: string | null;
  modelB?: string | null;
  metadata?: Record<string, unknown>;
  goldPreference?: number | null;
};

export async function seedItem(projectId: string, item: SeedItem) {
  return db.item.create({
    data: {
      projectId,
      externalId: item.externalId,
      prompt: item.prompt ?? `Prompt of ${item.externalId}`,
      responseA: item.responseA ?? `A of ${item.externalId}`,
      responseB: item.responseB ?? `B of ${item.externalId}`,
      modelA: item.modelA === undefined ? "model-x" : item.modelA,
      modelB: item.modelB === undefined ? "model-y" : item.modelB,
      metadata: (item.metadata ?? {}) as object,
      goldPreference: item.goldPreference ?? null,
    },
  });
}

export type SeedJudgment = {
  preference: number;
  flags?: string[];
  rationale?: string;
  attributes?: Record<string, unknown>;
  guidelinesVersion?: number;
  shownSwapped?: boolean | null;
  durationMs?: number | null;
  createdAt?: Date;
};

export async function seedJudgment(itemId: string, userId: string, j: SeedJudgment) {
  return db.judgment.create({
    data: {
      itemId,
      userId,
      preference: j.preference,
      flags: j.flags ?? [],
      rationale: j.rationale ?? "",
      attributes: (j.attributes ?? {}) as object,
      guidelinesVersion: j.guidelinesVersion ?? 1,
      shownSwapped: j.shownSwapped === undefined ? false : j.shownSwapped,
      durationMs: j.durationMs === undefined ? 1000 : j.durationMs,
      clientId: randomUUID(),
      ...(j.createdAt ? { createdAt: j.createdAt } : {}),
    },
  });
}

/** Every line of an async line source. */
export async function collectLines(lines: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

export const parseLines = <T = Record<string, unknown>>(lines: string[]): T[] => lines.map((line) => JSON.parse(line) as T);

const at = (iso: string) => new Date(iso);
export const TRICKY = 'quote " backslash \\ newline \n tab \t bell \u0007 unit-sep \u001f del \u007f emoji 🙂 é \u2028 end';
export const CHAT_PROMPT = [
  { role: "system", content: "You are terse." },
  { role: "user", content: "Explain RLHF." },
];

/**
 * One project that exercises every export rule (preferences per item, in user order u0…u3):
 *   q-01 text prompt      −3, −2, +1   → A, margin 4/3, agreement 2/3 (u2's judgment on Jan 20)
 *   q-02 chat prompt      +2, +3       → B, margin 2.5, agreement 1
 *   q-03 tie              −1, +1       → tie
 *   q-04 gold             −2, −1, −3   → A
 *   q-05 one judgment     u3: +1 on Feb 1
 *   q-06 no judgments
 *   q-07 tricky texts     −1, −1, +2, −1 → A, agreement 3/4
 */
export async function seedExportFixture() {
  const project = await seedProject({ scale: 3, guidelines: "# Rules\n\nPrefer the helpful one.", guidelinesVersion: 2 });
  const users = await seedUsers(4);
  const ids = users.map((u) => u.id);
  const judge = async (itemId: string, prefs: Array<number | null>, extra: (i: number) => Partial<SeedJudgment> = () => ({})) => {
    for (let i = 0; i < prefs.length; i++) {
      const preference = prefs[i];
      if (preference === null || preference === undefined) continue;
      await seedJudgment(itemId, ids[i]!, { preference, createdAt: at("2026-01-10T12:00:00.000Z"), ...extra(i) });
    }
  };
  const q1 = await seedItem(project.id, { externalId: "q-01", metadata: { topic: "ml" } });
  await judge(q1.id, [-3, -2, 1], (i) => (i === 2 ? { createdAt: at("2026-01-20T08:30:00.250Z"), shownSwapped: true, flags: ["both_bad"] } : {}));
  const q2 = await seedItem(project.id, { externalId: "q-02", prompt: CHAT_PROMPT, modelA: null });
  await judge(q2.id, [2, 3]);
  const q3 = await seedItem(project.id, { externalId: "q-03" });
  await judge(q3.id, [-1, 1]);
  const q4 = await seedItem(project.id, { externalId: "q-04", goldPreference: -2 });
  await judge(q4.id, [-2, -1, -3]);
  const q5 = await seedItem(project.id, { externalId: "q-05" });
  await judge(q5.id, [null, null, null, 1], () => ({ createdAt: at("2026-02-01T00:00:00.000Z") }));
  await seedItem(project.id, { externalId: "q-06" });
  const q7 = await seedItem(project.id, { externalId: "q-07", prompt: TRICKY, responseA: TRICKY, responseB: `${TRICKY} B`, metadata: { note: TRICKY, n: [1, 2.5] } });
  await judge(q7.id, [-1, -1, 2, -1], (i) => ({ rationale: TRICKY, attributes: { helpfulness_a: i + 1, note: TRICKY }, shownSwapped: i === 3 ? null : i % 2 === 0, durationMs: i === 1 ? null : 500 * (i + 1) }));
  return { project, users };
}
