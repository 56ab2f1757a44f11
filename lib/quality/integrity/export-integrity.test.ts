import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { withTestDb } from "@/test/db";
import { leaseNextItem } from "@/lib/assignment/lease-next-item";
import { createItems, createProject, createUser, judgmentInput } from "@/lib/assignment/test-fixtures";
import { submitJudgment } from "@/lib/judgments/submit-judgment";
import { exportProject } from "@/lib/export/export-project";
import { collectLines, parseLines } from "@/lib/export/test-fixtures";
import type { RawLine } from "@/lib/export/format-raw";
import { importJudgments } from "@/lib/import/import-judgments";
import { bytesSource } from "@/lib/import/sources";

withTestDb();

describe("integrity metadata in the raw export", () => {
  it("carries each judgment's signals and flags, and a re-import accepts the line but does not take them", async () => {
    const project = await createProject();
    await createItems(project.id, 1);
    const user = await createUser();
    const lease = (await leaseNextItem({ userId: user.id, projectId: project.id }))!;
    const signals = { hidden_ms: 9_000, pastes: 1, pasted_chars: 30, choice_input: "key" as const, choice_changes: 0 };
    await submitJudgment({ userId: user.id, project, input: judgmentInput(lease.externalId, -1, { duration_ms: 12_000, rationale: "Pasted from somewhere else.", metadata: signals }) });

    const file = (await collectLines(exportProject({ projectId: project.id, format: "raw" }))).join("");
    const [line] = parseLines<RawLine>([file]);
    const chars = "Prompt 1".length + "A1".length + "B1".length;
    expect(line!.integrity).toEqual({ signals: { ...signals, chars }, flags: ["pasted_rationale", "tab_hidden"] });
    // trl and hh lines do not carry it.
    expect((await collectLines(exportProject({ projectId: project.id, format: "trl" }))).join("")).not.toContain("pasted_rationale");

    // Signals are what this installation's screen measured: an imported file's claims are not evidence, so they are dropped.
    const admin = await db.user.create({ data: { email: `admin-${user.id}@example.com`, name: "Admin", role: "ADMIN" } });
    await db.judgment.deleteMany({ where: { userId: user.id } });
    await db.membership.create({ data: { userId: user.id, projectId: project.id, role: "ANNOTATOR" } });
    const report = await importJudgments({ actor: admin, projectId: project.id, onError: "abort", source: () => bytesSource(new TextEncoder().encode(file)) });
    expect(report).toMatchObject({ imported: 1, errors: [] });
    expect(await db.judgment.findMany({ where: { userId: user.id }, select: { metadata: true, rationale: true } })).toEqual([{ metadata: {}, rationale: "Pasted from somewhere else." }]);
  });
});
