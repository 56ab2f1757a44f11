import { describe, expect, it } from "vitest";
import { leaseNextItem } from "@/lib/assignment/lease-next-item";
import { withTestDb } from "@/test/db";
import { createItems, createProject, createUser, itemCounters, judgmentInput } from "@/lib/assignment/test-fixtures";
import { updateJudgmentInput } from "@/lib/validations/judgment";
import { submitJudgment } from "./submit-judgment";
import { updateOwnJudgment } from "./update-own-judgment";

withTestDb();

async function judged(settings: Parameters<typeof createProject>[0] = {}) {
  const project = await createProject(settings);
  await createItems(project.id, 3);
  const user = await createUser();
  const lease = (await leaseNextItem({ userId: user.id, projectId: project.id }))!;
  const { judgment } = await submitJudgment({
    userId: user.id,
    project,
    input: judgmentInput(lease.externalId, -2, { duration_ms: 5000, rationale: "A is clearer" }),
  });
  return { project, user, lease, judgment };
}

describe("updateOwnJudgment", () => {
  it("replaces the answer, adds the extra time, and leaves the counters alone", async () => {
    const { project, user, lease, judgment } = await judged({ attributes: [{ key: "harm", label: "Harm", min: 0, max: 2 }] });
    const input = updateJudgmentInput.parse({
      item_id: lease.externalId,
      preference: 1,
      rationale: "On second thought B",
      attributes: { harm: 0 },
      flags: ["both_bad"],
      duration_ms: 3000,
    });
    const updated = await updateOwnJudgment({ userId: user.id, project, input });
    expect(updated).toMatchObject({
      id: judgment.id,
      preference: 1,
      rationale: "On second thought B",
      attributes: { harm: 0 },
      flags: ["both_bad"],
      durationMs: 8000,
      shownSwapped: judgment.shownSwapped,
      clientId: judgment.clientId,
      guidelinesVersion: judgment.guidelinesVersion,
    });
    expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(judgment.updatedAt.getTime());
    expect((await itemCounters(project.id))[0]).toMatchObject({ judgmentCount: 1, activeLeases: 0 });
  });

  it("keeps the duration when no extra time is sent", async () => {
    const { project, user, lease } = await judged();
    const input = updateJudgmentInput.parse({ item_id: lease.externalId, preference: 3 });
    expect(await updateOwnJudgment({ userId: user.id, project, input })).toMatchObject({ preference: 3, durationMs: 5000, rationale: "" });
  });

  it("checks the fields as on submit", async () => {
    const { project, user, lease } = await judged({ allowTie: false });
    const input = updateJudgmentInput.parse({ item_id: lease.externalId, preference: 0 });
    await expect(updateOwnJudgment({ userId: user.id, project, input })).rejects.toMatchObject({
      code: "unprocessable",
      message: "preference: this project does not allow ties (0)",
    });
  });

  it("reaches only the user's own judgment", async () => {
    const { project, lease } = await judged();
    const stranger = await createUser();
    const input = updateJudgmentInput.parse({ item_id: lease.externalId, preference: 3 });
    await expect(updateOwnJudgment({ userId: stranger.id, project, input })).rejects.toMatchObject({ code: "not_found" });
    await expect(
      updateOwnJudgment({ userId: stranger.id, project, input: { ...input, item_id: "nope" } }),
    ).rejects.toMatchObject({ code: "not_found", message: 'No item "nope" in this project.' });
  });
});
