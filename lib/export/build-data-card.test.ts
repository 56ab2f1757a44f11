import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { computeAgreement } from "@/lib/agreement";
import packageJson from "@/package.json";
import { buildDataCard } from "./build-data-card";
import { exportProject } from "./export-project";
import { renderDataCardMarkdown } from "./render-data-card-markdown";
import { collectLines, parseLines, seedExportFixture, seedProject } from "./test-fixtures";
import type { RawLine } from "./format-raw";
import type { ExportFilters } from "./types";
import { unified } from "unified";
import remarkParse from "remark-parse";
import { visit } from "unist-util-visit";

withTestDb();
let projectId: string;
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

beforeAll(async () => {
  ({ project: { id: projectId } } = await seedExportFixture());
  await db.guidelinesVersion.create({ data: { projectId, version: 1, text: "Old rules." } });
});

const rawLines = async (filters: ExportFilters) => parseLines<RawLine>(await collectLines(exportProject({ projectId, format: "raw", filters })));

describe("buildDataCard", () => {
  it("describes the project, guidelines, scale, counts and dates of the export", async () => {
    const card = await buildDataCard({ projectId });
    const project = await db.project.findUniqueOrThrow({ where: { id: projectId } });
    expect(card.project).toEqual({ slug: project.slug, name: project.name });
    expect(card.guidelines).toEqual({
      text: "# Rules\n\nPrefer the helpful one.",
      sha256: sha256("# Rules\n\nPrefer the helpful one."),
      version: 2,
      versions: [
        { version: 1, sha256: sha256("Old rules."), created_at: expect.stringMatching(/Z$/), judgments: 15 },
        { version: 2, sha256: sha256("# Rules\n\nPrefer the helpful one."), created_at: null, judgments: 0 },
      ],
    });
    expect(card.scale).toBe(3);
    expect(card.allow_tie).toBe(true);
    expect(card.labels.map((l) => l.label)).toEqual(["A much better", "A better", "A slightly better", "Tie", "B slightly better", "B better", "B much better"]);
    expect(card.labels.map((l) => l.value)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    expect(card.overlap).toBe(3);
    expect(card.date_range).toEqual({ first: "2026-01-10T12:00:00.000Z", last: "2026-02-01T00:00:00.000Z" });
    expect(card.counts).toEqual({ items: 7, items_judged: 6, judgments: 15, annotators: 4, judgments_per_annotator: { min: 2, median: 4, max: 5 } });
    expect(card.tie_rate).toBe(0);
    expect(card.software).toEqual({ name: "pairwise", version: packageJson.version });
    expect(Date.parse(card.generated_at)).not.toBeNaN();
    expect(card.filters).toEqual({ min_judgments: null, min_agreement: null, exclude_gold: false, ties: null, prompt_format: null, both_bad: "keep", from: null, to: null });
  });

  it("counts items from the kept histogram and the gold index, as a count of the project's rows does", async () => {
    for (const excludeGold of [false, true]) {
      const card = await buildDataCard({ projectId, filters: { excludeGold } });
      expect(card.counts.items).toBe(await db.item.count({ where: { projectId, ...(excludeGold ? { goldPreference: null } : {}) } }));
    }
    expect((await buildDataCard({ projectId, filters: { excludeGold: true } })).counts.items).toBe(6);
  });

  it("takes quality from the stored view in a request: the same figures as computed, with the time of their data", async () => {
    const before = Date.now();
    const computed = await buildDataCard({ projectId });
    const stored = await buildDataCard({ projectId, quality: "stored" });
    expect(stored.quality).toEqual(computed.quality);
    expect(Object.keys(stored.quality)).toHaveLength(4);
    expect(Date.parse(stored.quality_as_of)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(computed.quality_as_of)).toBeGreaterThanOrEqual(before - 1000);
    const { generated_at: _a, quality_as_of: _b, ...rest } = stored;
    const { generated_at: _c, quality_as_of: _d, ...restComputed } = computed;
    expect(rest).toEqual(restComputed);
    expect(await db.storedView.count({ where: { projectId, viewKey: "quality" } })).toBe(1);
    expect(renderDataCardMarkdown(stored)).toContain("Computed from the project's judgments as of");
  });

  it("reports agreement exactly as computeAgreement does on the raw export's lines", async () => {
    const card = await buildDataCard({ projectId });
    const lines = await rawLines({});
    const expected = computeAgreement(
      lines.map((l) => ({ itemId: l.item_id, annotator: l.annotator, preference: l.preference, shownSwapped: l.shown_swapped, durationMs: l.duration_ms, createdAt: l.created_at })),
      { scale: 3 },
    );
    expect(card.agreement).toEqual({ ...expected, pairs: expected.pairs.filter((p) => p.n >= 10) });
    expect(card.agreement.percent_agreement).not.toBeNull();
    expect(card.agreement.per_annotator.map((a) => a.annotator)).toEqual([...new Set(lines.map((l) => l.annotator))].sort());
  });

  it("reports side bias overall and per annotator pseudonym", async () => {
    const card = await buildDataCard({ projectId });
    // 14 non-tie judgments with a known side, 9 of them for the response shown on the left.
    expect(card.side_bias.overall).toBeCloseTo(9 / 14, 12);
    expect(Object.keys(card.side_bias.per_annotator)).toEqual(card.agreement.per_annotator.map((a) => a.annotator));
    for (const a of card.agreement.per_annotator) expect(card.side_bias.per_annotator[a.annotator]).toBe(a.side_bias);
  });

  it("counts only what the export with the same filters contains, and says which filters", async () => {
    const filters: ExportFilters = { excludeGold: true, minJudgments: 2, from: new Date("2026-01-01T00:00:00Z"), ties: "keep" };
    const card = await buildDataCard({ projectId, filters, format: "trl" });
    const lines = await rawLines(filters);
    expect(card.counts).toMatchObject({ items: 6, items_judged: 4, judgments: lines.length, annotators: 4 });
    expect(lines).toHaveLength(11);
    expect(card.agreement.judgments).toBe(11);
    expect(card.filters).toEqual({ min_judgments: 2, min_agreement: null, exclude_gold: true, ties: "keep", prompt_format: "chat", both_bad: "keep", from: "2026-01-01T00:00:00.000Z", to: null });
  });

  it("gives nulls, not NaN, for a project without judgments", async () => {
    const empty = await seedProject({ scale: 2, allowTie: false });
    const card = await buildDataCard({ projectId: empty.id });
    expect(card.counts).toEqual({ items: 0, items_judged: 0, judgments: 0, annotators: 0, judgments_per_annotator: { min: null, median: null, max: null } });
    expect(card.tie_rate).toBeNull();
    expect(card.side_bias).toEqual({ overall: null, per_annotator: {} });
    expect(card.date_range).toEqual({ first: null, last: null });
    expect(card.labels.map((l) => l.value)).toEqual([-2, -1, 1, 2]);
    expect(JSON.stringify(card)).not.toContain("NaN");
    expect(renderDataCardMarkdown(card)).toContain("_No judgments._");
  });

  it("reports an unknown project as not found", async () => {
    await expect(buildDataCard({ projectId: "missing" })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("renderDataCardMarkdown", () => {
  it("renders the card's figures as readable markdown", async () => {
    const card = await buildDataCard({ projectId, filters: { excludeGold: true } });
    const md = renderDataCardMarkdown(card);
    expect(md.startsWith(`# Data card: ${card.project.name}\n`)).toBe(true);
    for (const text of [
      card.project.slug,
      card.guidelines.sha256,
      "A much better",
      "B much better",
      "exclude_gold",
      "```text\n# Rules",
      "Prefer the helpful one.",
      `pairwise ${packageJson.version}`,
      ...card.agreement.per_annotator.map((a) => `| ${a.annotator} |`),
    ]) {
      expect(md).toContain(text);
    }
    expect(md).toContain(`| ${card.counts.items} | ${card.counts.items_judged} | ${card.counts.judgments} | 4 |`);
    expect(md).not.toContain("NaN");
    expect(md).not.toContain("undefined");
  });
});

describe("renderDataCardMarkdown with hostile text", () => {
  const hostile = ["<script>alert(1)</script>", '<img src=x onerror="alert(2)">'];
  it.each(hostile)("lets no raw HTML from the project name or guidelines through: %s", async (payload) => {
    const card = await buildDataCard({ projectId });
    const md = renderDataCardMarkdown({
      ...card,
      project: { ...card.project, name: `Evil ${payload}\n# injected` },
      guidelines: { ...card.guidelines, text: `Rules\n\`\`\`\n${payload}\n~~~\n` },
    });
    // A CommonMark parser finds no raw HTML anywhere in the card.
    const htmlNodes: string[] = [];
    visit(unified().use(remarkParse).parse(md), "html", (node: { value: string }) => void htmlNodes.push(node.value));
    expect(htmlNodes).toEqual([]);
    // The name is HTML-escaped on its one heading line.
    expect(md.split("\n")[0]).toBe(`# Data card: Evil ${payload.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")} # injected`);
    expect(md).not.toContain("\n# injected");
    // The guidelines are one fenced text block whose fence their own backticks cannot close.
    const fenced = md.slice(md.indexOf("````text\n"));
    expect(fenced.startsWith("````text\nRules\n```\n")).toBe(true);
    expect(fenced).toContain("\n````\n");
  });
});
