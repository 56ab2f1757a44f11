import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { withTestDb } from "@/test/db";
import { leaseNextItem } from "@/lib/assignment/lease-next-item";
import { createItems, createProject, createUser, judgmentInput } from "@/lib/assignment/test-fixtures";
import { submitJudgment } from "@/lib/judgments/submit-judgment";
import { submitJudgmentInput, type SubmitJudgmentInput } from "@/lib/validations/judgment";
import { integrityMetadata } from "./integrity-metadata";
import { PASTED_RATIONALE, TAB_HIDDEN, TOO_FAST } from "./rules";

withTestDb();

/** Milliseconds at exactly the too_fast reading speed for `chars` characters. */
const limitMs = (chars: number) => (chars * 1000) / TOO_FAST.charsPerSecond;
const LONG = 4 * TOO_FAST.minChars;
const rationaleOf = (n: number) => "r".repeat(n);

type Case = { name: string; chars: number; extra: Partial<SubmitJudgmentInput>; flags: string[] };
const CASES: Case[] = [
  { name: "a normal judgment", chars: LONG, extra: { duration_ms: 60_000, rationale: "A cites the source.", metadata: { hidden_ms: 0, pastes: 0, pasted_chars: 0, choice_input: "key", choice_changes: 1 } }, flags: [] },
  { name: "reading at exactly the limit", chars: LONG, extra: { duration_ms: limitMs(LONG) }, flags: [] },
  { name: "reading just above the limit", chars: LONG, extra: { duration_ms: limitMs(LONG) - 1 }, flags: ["too_fast"] },
  { name: "no time at all on a long pair", chars: LONG, extra: { duration_ms: 0 }, flags: ["too_fast"] },
  { name: "a pair too short to flag, however fast", chars: TOO_FAST.minChars - 1, extra: { duration_ms: 1 }, flags: [] },
  { name: "no duration sent (REST)", chars: LONG, extra: {}, flags: [] },
  {
    name: "a rationale mostly pasted",
    chars: LONG,
    extra: { duration_ms: 60_000, rationale: rationaleOf(PASTED_RATIONALE.minChars * 2), metadata: { pastes: 1, pasted_chars: PASTED_RATIONALE.minChars * 2 * PASTED_RATIONALE.share } },
    flags: ["pasted_rationale"],
  },
  {
    name: "a rationale with a short quote pasted",
    chars: LONG,
    extra: { duration_ms: 60_000, rationale: rationaleOf(PASTED_RATIONALE.minChars * 2), metadata: { pastes: 1, pasted_chars: PASTED_RATIONALE.minChars * 2 * PASTED_RATIONALE.share - 1 } },
    flags: [],
  },
  { name: "a pasted rationale too short to matter", chars: LONG, extra: { duration_ms: 60_000, rationale: rationaleOf(PASTED_RATIONALE.minChars - 1), metadata: { pasted_chars: 100 } }, flags: [] },
  { name: "the tab hidden most of the time", chars: LONG, extra: { duration_ms: 4 * TAB_HIDDEN.minMs, metadata: { hidden_ms: 4 * TAB_HIDDEN.minMs * TAB_HIDDEN.share } }, flags: ["tab_hidden"] },
  { name: "the tab hidden a short share", chars: LONG, extra: { duration_ms: 4 * TAB_HIDDEN.minMs, metadata: { hidden_ms: 4 * TAB_HIDDEN.minMs * TAB_HIDDEN.share - 1 } }, flags: [] },
  { name: "the tab hidden briefly on a quick pair", chars: TOO_FAST.minChars - 1, extra: { duration_ms: TAB_HIDDEN.minMs, metadata: { hidden_ms: TAB_HIDDEN.minMs - 1 } }, flags: [] },
  {
    name: "everything at once, in the rules' order",
    chars: LONG,
    extra: { duration_ms: TAB_HIDDEN.minMs, rationale: rationaleOf(PASTED_RATIONALE.minChars), metadata: { hidden_ms: TAB_HIDDEN.minMs, pasted_chars: PASTED_RATIONALE.minChars } },
    flags: ["too_fast", "pasted_rationale", "tab_hidden"],
  },
];

/** One item whose prompt and responses total `chars` characters (multi-byte, to count characters, not bytes), leased to a new user. */
async function leasedPair(chars: number) {
  const project = await createProject();
  const [item] = await createItems(project.id, 1);
  const third = Math.floor(chars / 3);
  const texts = { promptText: "é".repeat(third), responseA: "😀".repeat(third), responseB: "b".repeat(chars - 2 * third) };
  await db.item.update({ where: { id: item!.id }, data: { ...texts, prompt: texts.promptText } });
  const user = await createUser();
  const lease = (await leaseNextItem({ userId: user.id, projectId: project.id }))!;
  return { project, user, lease, texts: { prompt: texts.promptText, responseA: texts.responseA, responseB: texts.responseB } };
}

describe("integrity flags stored at submit", () => {
  it.each(CASES)("$name → $flags", async ({ chars, extra, flags }) => {
    const { project, user, lease, texts } = await leasedPair(chars);
    const input = judgmentInput(lease.externalId, 1, extra);
    const { judgment } = await submitJudgment({ userId: user.id, project, input });
    const stored = await db.judgment.findUniqueOrThrow({ where: { id: judgment.id }, select: { metadata: true } });
    expect(stored.metadata).toEqual({ signals: { ...extra.metadata, chars }, flags });
    // The statement's SQL and the function gold and re-check answers call agree.
    expect(integrityMetadata(input, texts)).toEqual(stored.metadata);
  });

  it("keeps the first submission's metadata on a retry with the same client_id", async () => {
    const { project, user, lease } = await leasedPair(LONG);
    const input = judgmentInput(lease.externalId, 1, { duration_ms: 1, metadata: { pastes: 2 } });
    await submitJudgment({ userId: user.id, project, input });
    const retry = await submitJudgment({ userId: user.id, project, input: { ...input, metadata: { pastes: 3 } } });
    expect(retry.created).toBe(false);
    expect(await db.judgment.findMany({ where: { userId: user.id }, select: { metadata: true } })).toEqual([{ metadata: { signals: { pastes: 2, chars: LONG }, flags: ["too_fast"] } }]);
  });
});

describe("the judgment body's metadata", () => {
  const body = (metadata: unknown) => ({ item_id: "q-1", preference: 1, client_id: "client-0001", metadata });
  const problem = (metadata: unknown) => {
    const parsed = submitJudgmentInput.safeParse(body(metadata));
    return parsed.success ? null : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
  };

  it("accepts the signals, or none", () => {
    expect(problem({ hidden_ms: 0, pastes: 1, pasted_chars: 12, choice_input: "touch", choice_changes: 2 })).toBeNull();
    expect(problem({})).toBeNull();
    expect(submitJudgmentInput.parse({ item_id: "q-1", preference: 1, client_id: "client-0001" }).metadata).toBeUndefined();
  });

  it.each([
    [{ hidden_ms: -1 }, "metadata.hidden_ms: must not be negative"],
    [{ pastes: 1.5 }, "metadata.pastes: must be a whole number (paste events in the rationale)"],
    [{ pasted_chars: "12" }, "metadata.pasted_chars: must be a whole number (characters pasted into the rationale)"],
    [{ hidden_ms: 86_400_001 }, "metadata.hidden_ms: must be at most 86,400,000"],
    [{ choice_input: "voice" }, 'metadata.choice_input: must be "key", "pointer" or "touch"'],
    [{ choice_changes: 10_001 }, "metadata.choice_changes: must be at most 10,000"],
    [{ secret: 1 }, 'metadata: Unrecognized key: "secret"'],
    [[1, 2], "metadata: must be an object of integrity signals"],
    ["pasted", "metadata: must be an object of integrity signals"],
  ])("refuses %j: %s", (metadata, message) => {
    expect(problem(metadata)).toBe(message);
  });
});
