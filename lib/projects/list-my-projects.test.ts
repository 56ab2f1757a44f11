import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { skipItem } from "@/lib/judgments/skip-item";
import { submitJudgment } from "@/lib/judgments/submit-judgment";
import { leaseNextItem } from "@/lib/assignment/lease-next-item";
import { createItems, createProject, createUser, judgmentInput } from "@/lib/assignment/test-fixtures";
import { progressText } from "@/lib/annotate/progress-text";
import { withTestDb } from "@/test/db";
import { listMyProjects } from "./list-my-projects";

withTestDb();

describe("listMyProjects", () => {
  it("says what is left for the annotator, then done with the skips, as the annotation screen does", async () => {
    const project = await createProject({ overlap: 1 });
    const paused = await createProject({ status: "PAUSED" });
    await createItems(project.id, 3);
    const user = await createUser();
    await db.membership.createMany({
      data: [project, paused].map((p) => ({ userId: user.id, projectId: p.id, role: "ANNOTATOR" as const })),
    });
    const actor = { id: user.id, email: "x@example.com", name: user.name, role: "ANNOTATOR" as const };
    const mine = async () => {
      const rows = await listMyProjects(actor);
      return Object.fromEntries(rows.map((r) => [r.slug, r]));
    };

    let rows = await mine();
    expect(rows[project.slug]).toMatchObject({ myJudgments: 0, mySkips: 0, left: 3 });
    expect(rows[paused.slug]).toMatchObject({ left: null, mySkips: 0 });

    for (const [id, skip] of [["q-001", false], ["q-002", true], ["q-003", false]] as const) {
      await leaseNextItem({ userId: user.id, projectId: project.id });
      if (skip) await skipItem({ userId: user.id, projectId: project.id, input: { item_id: id, reason: "unsure" } });
      else await submitJudgment({ userId: user.id, project, input: judgmentInput(id, 1) });
      if (id === "q-001") expect((await mine())[project.slug]).toMatchObject({ left: 2 });
    }
    rows = await mine();
    expect(rows[project.slug]).toMatchObject({ myJudgments: 2, mySkips: 1, left: 0 });
    const row = rows[project.slug]!;
    expect(progressText({ left: row.left!, skipped: row.mySkips })).toBe("done — 1 skipped");
  });
});
