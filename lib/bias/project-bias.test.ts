import { describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { getProjectAgreement } from "@/lib/agreement/project-agreement";
import { getPseudonymKey, pseudonymFor } from "@/lib/export/pseudonym";
import { seedItem, seedJudgment, seedProject, seedUsers } from "@/lib/export/test-fixtures";
import { getProjectBias } from "./project-bias";

withTestDb();

describe("getProjectBias", () => {
  it("reads each item's responses once into style features and matches the agreement figures' side bias", async () => {
    const project = await seedProject();
    const [u1, u2] = await seedUsers(2);
    // 12 items; B is 10·i words longer than A. u1 always picks the longer (B); u2 alternates A/B, always the left side.
    for (let i = 0; i < 12; i++) {
      const item = await seedItem(project.id, {
        externalId: `s-${String(i).padStart(2, "0")}`,
        responseA: "word ".repeat(20),
        responseB: "word ".repeat(20 + 10 * i) + (i % 2 ? "\n# Header\n- item\n**bold**" : ""),
      });
      await seedJudgment(item.id, u1!.id, { preference: i === 0 ? 0 : 1, shownSwapped: i % 3 === 0 });
      await seedJudgment(item.id, u2!.id, { preference: i % 2 ? 1 : -1, shownSwapped: i % 2 === 1 });
    }
    const bias = await getProjectBias({ projectId: project.id, batchSize: 5 });
    const key = await getPseudonymKey(project.id);
    expect(bias.per_annotator.map((r) => r.annotator)).toEqual([pseudonymFor(u1!.id, key), pseudonymFor(u2!.id, key)].sort());
    expect(bias.judgments).toBe(24);
    expect(bias.decisive).toBe(23);
    const first = bias.per_annotator.find((r) => r.annotator === pseudonymFor(u1!.id, key))!;
    // Its 11 decisive judgments all chose the longer response.
    expect(first.features.words).toMatchObject({ counted: 11, more_wins: 11, share: 1 });
    const second = bias.per_annotator.find((r) => r.annotator === pseudonymFor(u2!.id, key))!;
    expect(second.position).toMatchObject({ counted: 12, left_wins: 12, share: 1, distinguishable: true });
    // Only the odd items differ in headers (B has one), and u2 chose B on exactly those.
    expect(second.features.headers).toMatchObject({ counted: 6, more_wins: 6, share: 1 });

    const { agreement } = await getProjectAgreement({ projectId: project.id });
    for (const row of agreement.per_annotator) expect(bias.per_annotator.find((r) => r.annotator === row.annotator)!.position.share).toBe(row.side_bias);
  });
});
