import { beforeAll, describe, expect, it, vi } from "vitest";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { runInProcess } from "@/test/cli";
import { run as exportCli } from "@/cli/commands/export";
import { exportQuery, exportFiltersOf } from "@/lib/validations/export";
import { buildDataCard } from "./build-data-card";
import { renderDataCardMarkdown } from "./render-data-card-markdown";
import { countExportLines, exportProject } from "./export-project";
import { collectLines, parseLines, seedExportFixture } from "./test-fixtures";
import type { TrlLine } from "./format-trl";
import type { HhLine } from "./format-hh";

vi.mock("@/cli/shared/database", () => ({ openDatabase: async () => undefined }));

withTestDb();

/**
 * Three annotators judge every real item: "good" gives the truth, "rev1" and
 * "rev2" read the scale backwards, so the majority is wrong on every item.
 * Their gold answers (CheckAnswer) show it, and the reliability model,
 * anchored by them, follows "good".
 */
let projectId: string;
let slug: string;
const truthOf = (i: number) => (i % 2 === 0 ? "A" : "B");

beforeAll(async () => {
  await db.user.create({ data: { email: "first-admin@example.com", name: "Admin", role: "ADMIN" } });
  slug = "consensus-test";
  const project = await db.project.create({ data: { slug, name: "Consensus", scale: 3 } });
  projectId = project.id;
  const users = await Promise.all(["good", "rev1", "rev2"].map((name) => db.user.create({ data: { email: `${name}@example.com`, name } })));
  const answer = (user: number, truth: "A" | "B") => {
    const right = truth === "A" ? -2 : 2;
    return user === 0 ? right : -right;
  };
  for (let i = 0; i < 24; i++) {
    const item = await db.item.create({ data: { id: `real-${String(i).padStart(2, "0")}`, projectId, externalId: `r${i}`, prompt: `P${i}`, responseA: `A${i}`, responseB: `B${i}` } });
    for (const [u, user] of users.entries()) {
      await db.judgment.create({ data: { itemId: item.id, userId: user.id, preference: answer(u, truthOf(i)), guidelinesVersion: 1, clientId: `j-${i}-${u}`, shownSwapped: false } });
    }
  }
  for (let g = 0; g < 10; g++) {
    const truth = truthOf(g);
    const item = await db.item.create({ data: { id: `gold-${g}`, projectId, externalId: `g${g}`, prompt: "G", responseA: "GA", responseB: "GB", goldPreference: truth === "A" ? -2 : 2 } });
    for (const [u, user] of users.entries()) {
      const p = answer(u, truth);
      await db.checkAnswer.create({ data: { id: `c-${g}-${u}`, projectId, itemId: item.id, userId: user.id, kind: "GOLD", swapped: false, expiresAt: new Date(), open: false, answeredAt: new Date(), preference: p, firstPreference: p, correct: u === 0 } });
    }
  }
});

describe("consensus=reliability", () => {
  it("trl: chosen follows the gold-anchored posterior where the majority is wrong, with p_chosen in [0, 1]", async () => {
    const majority = parseLines<TrlLine>(await collectLines(exportProject({ projectId, format: "trl" })));
    const reliability = parseLines<TrlLine>(await collectLines(exportProject({ projectId, format: "trl", filters: { consensus: "reliability" } })));
    expect(majority).toHaveLength(24);
    expect(reliability).toHaveLength(24);
    for (const line of majority) {
      const i = Number(line.item_id.slice(1));
      expect(line.chosen).toBe(truthOf(i) === "A" ? `B${i}` : `A${i}`);
      expect(line).not.toHaveProperty("p_chosen");
    }
    for (const line of reliability) {
      const i = Number(line.item_id.slice(1));
      expect(line.chosen).toBe(`${truthOf(i)}${i}`);
      expect(line.p_chosen).toBeGreaterThan(0.9);
      expect(line.p_chosen).toBeLessThanOrEqual(1);
      expect(line.agreement).toBeCloseTo(1 / 3, 10);
      expect(line.margin).toBe(0);
    }
    expect(await countExportLines({ projectId, format: "trl", filters: { consensus: "reliability" } })).toBe(24);
  });

  it("hh: the same choice, with p_chosen", async () => {
    const lines = parseLines<HhLine>(await collectLines(exportProject({ projectId, format: "hh", filters: { consensus: "reliability" } })));
    expect(lines).toHaveLength(24);
    for (const line of lines) {
      const i = Number(/Human: P(\d+)/.exec(line.chosen)![1]);
      expect(line.chosen.endsWith(`Assistant: ${truthOf(i)}${i}`)).toBe(true);
      expect(line.p_chosen).toBeGreaterThanOrEqual(0);
      expect(line.p_chosen).toBeLessThanOrEqual(1);
    }
  });

  it("majority is the default: consensus=majority writes the very bytes of no option", async () => {
    for (const format of ["trl", "hh", "raw"] as const) {
      const plain = (await collectLines(exportProject({ projectId, format }))).join("");
      expect((await collectLines(exportProject({ projectId, format, filters: { consensus: "majority" } }))).join("")).toBe(plain);
    }
    // raw has no consensus: reliability changes nothing there.
    const raw = (await collectLines(exportProject({ projectId, format: "raw" }))).join("");
    expect((await collectLines(exportProject({ projectId, format: "raw", filters: { consensus: "reliability" } }))).join("")).toBe(raw);
  });

  it("is the REST query's consensus and the CLI's --consensus", async () => {
    const query = exportQuery.parse({ format: "trl", consensus: "reliability" });
    expect(exportFiltersOf(query).consensus).toBe("reliability");
    expect(exportQuery.safeParse({ format: "trl", consensus: "mean" }).success).toBe(false);
    const cli = await runInProcess(exportCli, ["--project", slug, "--format", "trl", "--consensus", "reliability"]);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toBe((await collectLines(exportProject({ projectId, format: "trl", filters: { consensus: "reliability" } }))).join(""));
    expect((await runInProcess(exportCli, ["--project", slug, "--format", "trl", "--consensus", "mean"])).code).toBe(2);
  });

  it("the data card says which consensus, and carries each annotator's quality by pseudonym", async () => {
    const card = await buildDataCard({ projectId, format: "trl", filters: { consensus: "reliability" } });
    expect(card.consensus).toBe("reliability");
    expect((await buildDataCard({ projectId, format: "hh" })).consensus).toBe("majority");
    expect((await buildDataCard({ projectId })).consensus).toBeNull();
    const rows = Object.values(card.quality);
    expect(rows).toHaveLength(3);
    expect(Object.keys(card.quality)).toEqual(card.agreement.per_annotator.map((a) => a.annotator));
    expect(rows.map((q) => q.gold_accuracy).sort()).toEqual([0, 0, 1]);
    const good = rows.find((q) => q.gold_accuracy === 1)!;
    expect(good.reliability!).toBeGreaterThan(0.8);
    for (const q of rows.filter((r) => r !== good)) expect(q.reliability!).toBeLessThan(0.3);
    const md = renderDataCardMarkdown(card);
    expect(md).toMatch(/\*\*Consensus:\*\* reliability/);
    expect(md).toMatch(/### Annotator quality/);
  });
});

describe("consensus=reliability over a seeded project without gold", () => {
  it("leaves the existing fixture's line count consistent with countExportLines", async () => {
    const { project } = await seedExportFixture();
    for (const format of ["trl", "hh"] as const) {
      const lines = await collectLines(exportProject({ projectId: project.id, format, filters: { consensus: "reliability", ties: "keep" } }));
      expect(await countExportLines({ projectId: project.id, format, filters: { consensus: "reliability", ties: "keep" } })).toBe(lines.length);
      for (const line of parseLines<{ p_chosen: number }>(lines)) expect(line.p_chosen).toBeGreaterThanOrEqual(0);
    }
  });
});
