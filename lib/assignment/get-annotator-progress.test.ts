import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { skipItem } from "@/lib/judgments/skip-item";
import { submitJudgment } from "@/lib/judgments/submit-judgment";
import { getAnnotatorProgress } from "./get-annotator-progress";
import { leaseNextItem } from "./lease-next-item";
import { withTestDb } from "@/test/db";
import { createItems, createProject, createUser, judgmentInput } from "./test-fixtures";

withTestDb();

describe("getAnnotatorProgress", () => {
  it("counts what the annotator did and what is left for them", async () => {
    const project = await createProject({ overlap: 2 });
    await createItems(project.id, 5);
    const [user, a, b] = [await createUser(), await createUser(), await createUser()];
    const empty = await getAnnotatorProgress({ userId: user.id, projectId: project.id });
    expect(empty).toEqual({ judged: 0, skipped: 0, available: 5, total: 5, totalJudgments: 0, wantedJudgments: 10 });

    // The user judges q-001, skips q-002 and then holds q-003 (fewest judgments, then oldest).
    await leaseNextItem({ userId: user.id, projectId: project.id });
    await submitJudgment({ userId: user.id, project, input: judgmentInput("q-001", 1) });
    await skipItem({ userId: user.id, projectId: project.id, input: { item_id: "q-002", reason: "no" } });
    expect(await leaseNextItem({ userId: user.id, projectId: project.id })).toMatchObject({ externalId: "q-003" });
    // Two others judge q-002 and q-003 (q-003 is then full with the user's lease in it).
    for (const [other, expected] of [[a, "q-002"], [b, "q-003"]] as const) {
      const lease = (await leaseNextItem({ userId: other.id, projectId: project.id }))!;
      expect(lease.externalId).toBe(expected);
      await submitJudgment({ userId: other.id, project, input: judgmentInput(lease.externalId, -1) });
    }
    // q-004 fills up elsewhere; only q-005 is still free for the user.
    await db.item.update({ where: { projectId_externalId: { projectId: project.id, externalId: "q-004" } }, data: { judgmentCount: 2, votesB: 2 } });

    const progress = await getAnnotatorProgress({ userId: user.id, projectId: project.id });
    // available: the held q-003 and the free q-005.
    expect(progress).toEqual({ judged: 1, skipped: 1, available: 2, total: 5, totalJudgments: 5, wantedJudgments: 10 });
    expect(await getAnnotatorProgress({ userId: user.id, projectId: project.id, availableLimit: 1 })).toMatchObject({ available: 1 });
    await expect(getAnnotatorProgress({ userId: user.id, projectId: "nope" })).rejects.toMatchObject({ code: "not_found" });
  });
});
