import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { failure } from "@/test/app-error";
import { leaseNextItem } from "@/lib/assignment/lease-next-item";
import { withTestDb } from "@/test/db";
import { createItems, createProject, createUser, itemCounters, judgmentInput } from "@/lib/assignment/test-fixtures";
import { toItemTerms } from "@/lib/scale/preference-scale";
import { submitJudgment } from "./submit-judgment";

withTestDb();

/** A project with one item, q-001, leased to a fresh user. */
async function leased(settings: Parameters<typeof createProject>[0] = {}) {
  const project = await createProject(settings);
  await createItems(project.id, 2);
  const user = await createUser();
  const lease = (await leaseNextItem({ userId: user.id, projectId: project.id }))!;
  return { project, user, lease };
}

describe("submitJudgment", () => {
  it("stores the judgment in the item's terms with what the screen showed, and closes the lease", async () => {
    const { project, user, lease } = await leased({ guidelinesVersion: 4 });
    await db.assignment.update({ where: { id: lease.assignmentId }, data: { swapped: true } });
    // B was on the left and the annotator clicked "left much better" (−3 on screen).
    const input = judgmentInput(lease.externalId, toItemTerms(-3, true), { duration_ms: 18_250, rationale: "B is exact.", flags: ["both_bad"] });
    const { judgment, created } = await submitJudgment({ userId: user.id, project, input });

    expect(created).toBe(true);
    expect(judgment).toMatchObject({
      preference: 3,
      shownSwapped: true,
      guidelinesVersion: 4,
      durationMs: 18_250,
      rationale: "B is exact.",
      flags: ["both_bad"],
      clientId: input.client_id,
      item: { externalId: "q-001" },
    });
    const assignment = await db.assignment.findUniqueOrThrow({ where: { id: lease.assignmentId } });
    expect(assignment.open).toBe(false);
    expect(assignment.completedAt).toBeInstanceOf(Date);
    expect((await itemCounters(project.id))[0]).toEqual({ externalId: "q-001", judgmentCount: 1, activeLeases: 0 });
  });

  it("answers a retry with the same client_id with the stored judgment, once", async () => {
    const { project, user, lease } = await leased();
    const input = judgmentInput(lease.externalId, -1);
    const first = await submitJudgment({ userId: user.id, project, input });
    const retry = await submitJudgment({ userId: user.id, project, input });
    expect([first.created, retry.created]).toEqual([true, false]);
    expect(retry.judgment).toEqual(first.judgment);
    expect((await itemCounters(project.id))[0]).toMatchObject({ judgmentCount: 1, activeLeases: 0 });
  });

  it("turns a double click racing itself into one judgment", async () => {
    const { project, user, lease } = await leased();
    const input = judgmentInput(lease.externalId, 2);
    const results = await Promise.all([1, 2, 3].map(() => submitJudgment({ userId: user.id, project, input })));
    expect(results.map((r) => r.created).sort()).toEqual([false, false, true]);
    expect(new Set(results.map((r) => r.judgment.id)).size).toBe(1);
    expect((await itemCounters(project.id))[0]).toMatchObject({ judgmentCount: 1, activeLeases: 0 });
  });

  it("refuses a second judgment of the same item under another client_id, even racing", async () => {
    const { project, user, lease } = await leased();
    await submitJudgment({ userId: user.id, project, input: judgmentInput(lease.externalId, 1) });
    const error = await failure(submitJudgment({ userId: user.id, project, input: judgmentInput(lease.externalId, -1) }));
    expect(error).toMatchObject({ code: "conflict", message: "You have already judged this item; use undo to change your judgment." });

    const other = await leased();
    const outcomes = await Promise.allSettled(
      [1, -1].map((p) => submitJudgment({ userId: other.user.id, project: other.project, input: judgmentInput(other.lease.externalId, p) })),
    );
    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(outcomes.find((o) => o.status === "rejected")).toMatchObject({ reason: { code: "conflict" } });
    expect((await itemCounters(other.project.id))[0]).toMatchObject({ judgmentCount: 1, activeLeases: 0 });
  });

  it("refuses a client_id already used by someone else or for another item", async () => {
    const { project, user, lease } = await leased({ overlap: 3 });
    const input = judgmentInput(lease.externalId, 1);
    await submitJudgment({ userId: user.id, project, input });

    const someoneElse = await createUser();
    const theirLease = (await leaseNextItem({ userId: someoneElse.id, projectId: project.id }))!;
    expect(theirLease.externalId).toBe("q-002");
    const theirs = await failure(submitJudgment({ userId: someoneElse.id, project, input: { ...input, item_id: "q-001" } }));
    expect(theirs).toMatchObject({ code: "conflict", message: "This client_id was already used for another judgment; send a new one." });

    const next = (await leaseNextItem({ userId: user.id, projectId: project.id }))!;
    const otherItem = await failure(submitJudgment({ userId: user.id, project, input: { ...input, item_id: next.externalId } }));
    expect(otherItem.code).toBe("conflict");
  });

  it("explains what is wrong with the fields (422)", async () => {
    const attributes = [
      { key: "helpfulness_a", label: "Helpfulness of A", min: 1, max: 5 },
      { key: "helpfulness_b", label: "Helpfulness of B", min: 1, max: 5 },
    ];
    const { project, user, lease } = await leased({ scale: 2, allowTie: false, requireRationale: true, attributes });
    const submit = (preference: number, extra = {}) =>
      failure(submitJudgment({ userId: user.id, project, input: judgmentInput(lease.externalId, preference, { rationale: "ok", ...extra }) }));

    expect(await submit(3)).toMatchObject({ code: "unprocessable", message: "preference: must be between -2 and 2 (got 3)" });
    expect((await submit(0)).message).toBe("preference: this project does not allow ties (0)");
    expect((await submit(1, { rationale: "  " })).message).toBe("rationale: this project asks for a rationale with every judgment");
    expect((await submit(1, { attributes: { honesty: 3 } })).message).toBe(
      "attributes.honesty: not a question of this project (expected one of helpfulness_a, helpfulness_b)",
    );
    const both = await submit(-3, { attributes: { helpfulness_b: 6 } });
    expect(both.message).toBe(
      "preference: must be between -2 and 2 (got -3); attributes.helpfulness_b: must be a whole number from 1 to 5 (got 6)",
    );
    expect(both.details).toEqual({ issues: both.message.split("; ") });
    // Nothing was stored, and a valid judgment still goes through.
    const ok = await submitJudgment({
      userId: user.id,
      project,
      input: judgmentInput(lease.externalId, -2, { rationale: "A is right", attributes: { helpfulness_a: 5 } }),
    });
    expect(ok.judgment).toMatchObject({ preference: -2, attributes: { helpfulness_a: 5 } });
  });

  it("refuses an unknown item and an item never assigned to the user", async () => {
    const { project, user } = await leased();
    expect(await failure(submitJudgment({ userId: user.id, project, input: judgmentInput("nope", 1) }))).toMatchObject({
      code: "not_found",
      message: 'No item "nope" in this project.',
    });
    expect(await failure(submitJudgment({ userId: user.id, project, input: judgmentInput("q-002", 1) }))).toMatchObject({
      code: "conflict",
      message: "This item was not assigned to you.",
    });
  });

  it("keeps a judgment that arrives after its lease expired and was handed to someone else", async () => {
    const project = await createProject({ overlap: 1, leaseMinutes: 30 });
    await createItems(project.id, 1);
    const [slow, quick] = [await createUser(), await createUser()];
    const start = new Date();
    const slowLease = (await leaseNextItem({ userId: slow.id, projectId: project.id, now: start }))!;
    const later = new Date(start.getTime() + 40 * 60_000);
    const quickLease = (await leaseNextItem({ userId: quick.id, projectId: project.id, now: later }))!;
    expect(quickLease.itemId).toBe(slowLease.itemId);
    await submitJudgment({ userId: quick.id, project, input: judgmentInput("q-001", 1) });

    const late = await submitJudgment({ userId: slow.id, project, input: judgmentInput("q-001", -1) });
    expect(late.created).toBe(true);
    expect(late.judgment.shownSwapped).toBe(slowLease.swapped);
    // Two judgments on an overlap-1 item: human work is never thrown away.
    expect(await itemCounters(project.id)).toEqual([{ externalId: "q-001", judgmentCount: 2, activeLeases: 0 }]);
    const slowAssignment = await db.assignment.findUniqueOrThrow({ where: { id: slowLease.assignmentId } });
    expect(slowAssignment.open).toBe(false);
    expect(slowAssignment.completedAt).toBeInstanceOf(Date);
  });

  it("keeps a late judgment whose lease expired but was not reclaimed yet", async () => {
    const project = await createProject({ overlap: 2, leaseMinutes: 1 });
    await createItems(project.id, 1);
    const user = await createUser();
    const start = new Date(Date.now() - 10 * 60_000);
    await leaseNextItem({ userId: user.id, projectId: project.id, now: start });
    const { created } = await submitJudgment({ userId: user.id, project, input: judgmentInput("q-001", 0) });
    expect(created).toBe(true);
    expect(await itemCounters(project.id)).toEqual([{ externalId: "q-001", judgmentCount: 1, activeLeases: 0 }]);
  });
});
