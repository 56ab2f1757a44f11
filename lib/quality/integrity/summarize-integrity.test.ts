import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { withTestDb } from "@/test/db";
import { createItems, createProject, createUser } from "@/lib/assignment/test-fixtures";
import { summarizeIntegrity } from "./summarize-integrity";
import { findDuplicateRationales, normalizeRationale } from "./find-duplicate-rationales";
import { CONSTANT_KEY, CONSTANT_SIDE, DUPLICATE_RATIONALE, INTEGRITY_RULES, flagSentence } from "./rules";

withTestDb();

const N = Math.max(CONSTANT_SIDE.minJudgments, CONSTANT_KEY.minJudgments) + 4;
/** Distinct rationales long enough to be compared: ten pseudo-random words (a fixed seed per text), sharing next to no trigram. */
function unique(i: number, who: string): string {
  let state = [...`${who}:${i}`].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 0x01000193), 0x811c9dc5) >>> 0;
  const next = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) >>> 8) % 26;
  return Array.from({ length: 10 }, () => Array.from({ length: 3 + (next() % 5) }, () => String.fromCharCode(97 + next())).join("")).join(" ");
}
const DUPLICATE = "Response A answers the question directly and cites its source, B hedges.";

/** A judgment as the screen showed it: `shown` on the display scale (negative = left), side order `swapped`. */
type Shown = { shown: number; swapped: boolean | null; rationale?: string; flags?: string[] };
/** Alternating side order, so a constant answer on screen is not a constant answer in the item's terms. */
const judgments = (n: number, make: (i: number) => Omit<Shown, "swapped">): Shown[] => Array.from({ length: n }, (_, i) => ({ swapped: i % 2 === 1, ...make(i) }));

type Annotator = { name: string; judgments: Shown[]; flags: Record<string, number> };
const ANNOTATORS: Annotator[] = [
  { name: "honest", judgments: judgments(N, (i) => ({ shown: [-2, 1, 0, 3, -1, 2][i % 6]!, rationale: unique(i, "honest") })), flags: {} },
  { name: "left-clicker", judgments: judgments(N, (i) => ({ shown: -1 - (i % 3) })), flags: { constant_side: N } },
  {
    name: "nearly always left",
    judgments: judgments(N, (i) => ({ shown: i < Math.ceil(CONSTANT_SIDE.share * N) ? -1 - (i % 3) : 1 })),
    flags: { constant_side: Math.ceil(CONSTANT_SIDE.share * N) },
  },
  { name: "left, too few to tell", judgments: judgments(CONSTANT_SIDE.minJudgments - 1, () => ({ shown: -1 })), flags: {} },
  { name: "same key", judgments: judgments(N, () => ({ shown: 2 })), flags: { constant_side: N, constant_key: N } },
  { name: "always tie", judgments: judgments(N, () => ({ shown: 0 })), flags: { constant_key: N } },
  { name: "old imports (side order unknown)", judgments: Array.from({ length: N }, () => ({ shown: -1, swapped: null })), flags: {} },
  {
    name: "self-copier",
    judgments: judgments(N, (i) => ({ shown: [-1, 1][i % 2]!, rationale: i < 3 ? DUPLICATE.replace("A", "a").replace(",", " ,,") : unique(i, "self") })),
    flags: { duplicate_rationale: 3 },
  },
  {
    name: "short stock phrase",
    judgments: judgments(N, (i) => ({ shown: [-1, 1][i % 2]!, rationale: "B is better.".padEnd(DUPLICATE_RATIONALE.minChars - 2, ".") })),
    flags: {},
  },
  {
    name: "stored flags",
    judgments: judgments(N, (i) => ({ shown: [-1, 1][i % 2]!, flags: i < 2 ? ["too_fast", "tab_hidden"] : i < 5 ? ["pasted_rationale"] : [] })),
    flags: { too_fast: 2, tab_hidden: 2, pasted_rationale: 3 },
  },
];
/** Two annotators who copy from each other, one with a word changed. */
const PEERS: Annotator[] = [
  { name: "peer one", judgments: judgments(2, (i) => ({ shown: 1, rationale: i === 0 ? "The first response explains the recursion clearly and gives a correct worked example." : unique(i, "p1") })), flags: { duplicate_rationale: 1 } },
  { name: "peer two", judgments: judgments(2, (i) => ({ shown: 1, rationale: i === 1 ? "The first response explains the recursion clearly and gives a correct worked examples." : unique(i, "p2") })), flags: { duplicate_rationale: 1 } },
];

async function seed(annotators: Annotator[]) {
  const project = await createProject();
  const items = await createItems(project.id, N);
  const users = new Map<string, string>();
  for (const annotator of annotators) {
    const user = await createUser(annotator.name.replace(/\W+/g, "-"));
    users.set(annotator.name, user.id);
    await db.judgment.createMany({
      data: annotator.judgments.map((j, i) => ({
        itemId: items[i]!.id,
        userId: user.id,
        preference: j.swapped ? -j.shown : j.shown,
        shownSwapped: j.swapped,
        rationale: j.rationale ?? "",
        guidelinesVersion: 1,
        clientId: `c-${user.id}-${i}`,
        metadata: j.flags ? { signals: {}, flags: j.flags } : {},
      })),
    });
  }
  return { project, users };
}

describe("summarizeIntegrity", () => {
  it.each([...ANNOTATORS, ...PEERS].map((a) => [a.name, a] as const))("%s", async (_name, annotator) => {
    // Every annotator is summarized next to the honest one and the peers, who must not change their flags.
    const others = [...ANNOTATORS.filter((a) => a.name === "honest"), ...PEERS].filter((a) => a !== annotator);
    const { project, users } = await seed([annotator, ...others]);
    const summary = await summarizeIntegrity(project.id);
    for (const who of [annotator, ...others]) {
      const mine = summary.get(users.get(who.name)!)!;
      expect(Object.fromEntries(mine.flags.map((f) => [f.code, f.count])), who.name).toEqual(who.flags);
      expect(mine.judgments).toBe(who.judgments.length);
      for (const flag of mine.flags) expect(flag.sentence).toBe(INTEGRITY_RULES.find((rule) => rule.code === flag.code)!.sentence);
    }
  });

  it("counts judgments with a per-judgment flag or a duplicate rationale as flagged, in the rules' order", async () => {
    const { project, users } = await seed(ANNOTATORS.filter((a) => a.name === "stored flags" || a.name === "self-copier"));
    const summary = await summarizeIntegrity(project.id);
    expect(summary.get(users.get("stored flags")!)).toMatchObject({ judgments: N, flagged: 5 });
    expect(summary.get(users.get("stored flags")!)!.flags.map((f) => f.code)).toEqual(["too_fast", "pasted_rationale", "tab_hidden"]);
    expect(summary.get(users.get("self-copier")!)).toMatchObject({ judgments: N, flagged: 3 });
  });

  it("explains a flag code it does not know instead of dropping it", async () => {
    const { project, users } = await seed([{ name: "imported", judgments: judgments(1, () => ({ shown: 1, flags: ["from_elsewhere"] })), flags: {} }]);
    const summary = await summarizeIntegrity(project.id);
    expect(summary.get(users.get("imported")!)!.flags).toEqual([{ code: "from_elsewhere", count: 1, sentence: flagSentence("from_elsewhere") }]);
    expect(flagSentence("from_elsewhere")).toContain("from_elsewhere");
  });
});

describe("findDuplicateRationales", () => {
  const long = "The second answer is wrong about the boiling point of water at altitude.";
  it("finds equal texts after normalizing case, spacing and punctuation", () => {
    expect(normalizeRationale("  A is BETTER,  because:\nit's right!")).toBe("a is better because it s right");
    expect(findDuplicateRationales([{ id: "1", rationale: long }, { id: "2", rationale: long.toUpperCase().replace(/ /g, "  ") }, { id: "3", rationale: unique(3, "x") }])).toEqual(new Set(["1", "2"]));
  });

  it("finds near texts (a word added) and leaves different ones, and one with a long word replaced", () => {
    const near = long.replace("wrong", "mistaken");
    const different = "Both answers are fine but the first one formats the table more clearly for a reader.";
    expect(findDuplicateRationales([{ id: "1", rationale: long }, { id: "2", rationale: `${long} Indeed` }, { id: "3", rationale: different }])).toEqual(new Set(["1", "2"]));
    expect(findDuplicateRationales([{ id: "1", rationale: long }, { id: "2", rationale: near }])).toEqual(new Set());
  });

  it("finds a duplicate among thousands of distinct rationales", () => {
    const rows = Array.from({ length: 5000 }, (_, i) => ({ id: String(i), rationale: unique(i, `row ${i * 31}`) }));
    rows.push({ id: "copy", rationale: `${rows[1234]!.rationale}.` });
    expect(findDuplicateRationales(rows)).toEqual(new Set(["1234", "copy"]));
  });

  it("finds a near copy among thousands of rationales made of the same common English words", () => {
    const vocabulary = "the a is more less and but because response answer correct wrong helpful clear it this that of to in on with".split(" ");
    let seed = 7;
    const pick = () => vocabulary[((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) >>> 8) % vocabulary.length]!;
    const rows = Array.from({ length: 3000 }, (_, i) => ({ id: String(i), rationale: Array.from({ length: 16 }, pick).join(" ") }));
    rows.push({ id: "near", rationale: `${rows[2000]!.rationale} ok` });
    expect(findDuplicateRationales(rows)).toEqual(new Set(["2000", "near"]));
  });
});
