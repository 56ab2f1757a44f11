import { describe, expect, it } from "vitest";
import { setTimeout as sleep } from "node:timers/promises";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { createActor, createCast } from "@/test/admin-fixtures";
import { getPseudonymKey, pseudonymFor } from "@/lib/export/pseudonym";
import { markViewsDirty, paramsHash, pendingRecomputes, scheduleRecompute, serveView, DEFAULT_VIEW_POLICY, type ViewDefinition } from "./stored-view";
import { refreshProjectView } from "./refresh-view";
import { serveAgreement } from "./agreement-view";

withTestDb();

let clientIds = 0;

async function addJudgments(projectId: string, count: number, users: string[]) {
  const items = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      db.item.create({ data: { projectId, externalId: `x-${Date.now()}-${clientIds}-${i}`, prompt: "p", promptText: "p", responseA: "a", responseB: "b" } }),
    ),
  );
  for (const item of items) {
    for (const [k, userId] of users.entries()) {
      await db.judgment.create({ data: { itemId: item.id, userId, preference: k % 2 ? 2 : -1, guidelinesVersion: 1, clientId: `c-${clientIds++}` } });
    }
  }
}

/** A view that counts its computations and the project's judgments, slowly enough to overlap. */
function countingView(key: string, delayMs = 50) {
  let calls = 0;
  const view: ViewDefinition<{ variant: string }, { calls: number; judgments: number }> = {
    key,
    compute: async (projectId) => {
      calls++;
      await sleep(delayMs);
      return { calls, judgments: await db.judgment.count({ where: { item: { projectId } } }) };
    },
  };
  return { view, calls: () => calls };
}

describe("stored views", () => {
  it("serve the stored result, marked stale with its as-of time, and recompute it in the background", async () => {
    const { project, annotator, lead } = await createCast();
    await addJudgments(project.id, 2, [annotator.id, lead.id]);
    const { view } = countingView("test-stale");
    const policy = { newJudgments: 3, minAgeMs: 60_000, inlineBelowJudgments: 0 };
    const params = { variant: "a" };

    const first = await serveView(view, { projectId: project.id, params, policy });
    expect(first.payload).toEqual({ calls: 1, judgments: 4 });
    expect(first.stale).toBe(false);
    expect(first.asOf).toBeInstanceOf(Date);

    // Two new judgments: under the threshold and the result is young, so it is served as fresh.
    await addJudgments(project.id, 1, [annotator.id, lead.id]);
    const young = await serveView(view, { projectId: project.id, params, policy });
    expect(young).toMatchObject({ payload: { calls: 1, judgments: 4 }, stale: false, newJudgments: 2, recomputing: false });

    // Past the threshold: the old result comes back at once, marked stale, and a recompute starts.
    await addJudgments(project.id, 1, [annotator.id, lead.id]);
    const stale = await serveView(view, { projectId: project.id, params, policy });
    expect(stale).toMatchObject({ payload: { calls: 1, judgments: 4 }, stale: true, newJudgments: 3, recomputing: true });
    expect(stale.asOf).toEqual(first.asOf);
    await pendingRecomputes();
    const fresh = await serveView(view, { projectId: project.id, params, policy });
    expect(fresh).toMatchObject({ payload: { calls: 2, judgments: 8 }, stale: false, newJudgments: 0 });
    expect(fresh.asOf!.getTime()).toBeGreaterThan(first.asOf!.getTime());

    // Other params are another stored result; a dirty mark (imports, deletes) makes a result stale with no new judgment.
    expect((await serveView(view, { projectId: project.id, params: { variant: "b" }, policy })).payload).toEqual({ calls: 3, judgments: 8 });
    expect(await markViewsDirty(project.id, view.key)).toBe(2);
    expect(await serveView(view, { projectId: project.id, params, policy })).toMatchObject({ payload: { calls: 2 }, stale: true, recomputing: true });
    await pendingRecomputes();
    expect((await serveView(view, { projectId: project.id, params, policy })).payload).toMatchObject({ calls: 4 });
    // An old result is recomputed even without new judgments (patches leave none behind).
    await db.judgment.updateMany({ where: { item: { projectId: project.id } }, data: { createdAt: new Date("2020-01-01T00:00:00Z") } });
    await db.storedView.updateMany({ where: { projectId: project.id, viewKey: view.key }, data: { asOf: new Date(Date.now() - DEFAULT_VIEW_POLICY.maxAgeMs - 1000) } });
    expect(await serveView(view, { projectId: project.id, params, policy })).toMatchObject({ stale: true, newJudgments: 0 });
    await pendingRecomputes();
  });

  it("compute once under concurrent requests, and not at all while another process holds the lease", async () => {
    const { project } = await createCast();
    const { view, calls } = countingView("test-once", 200);
    const params = { variant: "x" };
    const served = await Promise.all(Array.from({ length: 12 }, () => serveView(view, { projectId: project.id, params, policy: { inlineBelowJudgments: 0 } })));
    expect(calls()).toBe(1);
    expect(new Set(served.map((s) => JSON.stringify(s.payload)))).toEqual(new Set([JSON.stringify({ calls: 1, judgments: 0 })]));

    // Another server process holds the lease: this one serves the stored result and leaves the recompute to it.
    const where = { projectId_viewKey_paramsHash: { projectId: project.id, viewKey: view.key, paramsHash: paramsHash(params) } };
    await db.storedView.update({ where, data: { dirtySince: new Date(), leaseUntil: new Date(Date.now() + 60_000), leaseOwner: "other-process" } });
    const during = await Promise.all(Array.from({ length: 5 }, () => serveView(view, { projectId: project.id, params, policy: { inlineBelowJudgments: 0 } })));
    await pendingRecomputes();
    await scheduleRecompute(view, project.id, params, DEFAULT_VIEW_POLICY, new Date());
    expect(calls()).toBe(1);
    expect(during.every((s) => s.stale && s.recomputing && s.payload?.calls === 1)).toBe(true);
    // Its lease expired (the process died): the next read takes over.
    await db.storedView.update({ where, data: { leaseUntil: new Date(Date.now() - 1) } });
    await serveView(view, { projectId: project.id, params });
    await pendingRecomputes();
    expect(calls()).toBe(2);
    const stored = await db.storedView.findUniqueOrThrow({ where });
    expect(stored).toMatchObject({ leaseUntil: null, leaseOwner: null, dirtySince: null });
    expect(JSON.parse(stored.payload!)).toMatchObject({ calls: 2 });
  });

  it("recompute a cheap view while the reader waits, once for concurrent readers", async () => {
    const { project, annotator, lead } = await createCast();
    const { view, calls } = countingView("test-inline", 30);
    const policy = { newJudgments: 1, inlineBelowJudgments: 10_000 };
    expect((await serveView(view, { projectId: project.id, params: { variant: "i" }, policy })).payload).toEqual({ calls: 1, judgments: 0 });
    await addJudgments(project.id, 1, [annotator.id, lead.id]);
    const served = await Promise.all(Array.from({ length: 6 }, () => serveView(view, { projectId: project.id, params: { variant: "i" }, policy })));
    expect(served.map((s) => [s.payload?.judgments, s.stale])).toEqual(Array.from({ length: 6 }, () => [2, false]));
    expect(calls()).toBe(2);
  });

  it("keep a failed recompute's error and the last good result", async () => {
    const { project } = await createCast();
    let fail = false;
    const view: ViewDefinition<Record<string, never>, { ok: number }> = {
      key: "test-fail",
      compute: async () => {
        if (fail) throw new Error("out of cheese");
        return { ok: 1 };
      },
    };
    expect((await serveView(view, { projectId: project.id, params: {} })).payload).toEqual({ ok: 1 });
    fail = true;
    await markViewsDirty(project.id);
    await serveView(view, { projectId: project.id, params: {} });
    await pendingRecomputes();
    expect(await serveView(view, { projectId: project.id, params: {} })).toMatchObject({ payload: { ok: 1 }, error: "out of cheese" });
    await pendingRecomputes();
  });

  it("refresh only for the project's leads and admins", async () => {
    const { admin, lead, otherLead, annotator, project } = await createCast();
    await addJudgments(project.id, 3, [annotator.id, lead.id]);
    const served = await serveAgreement({ projectId: project.id, identityScope: "members", intervals: false });
    expect(served.payload?.agreement.judgments).toBe(6);

    await expect(refreshProjectView({ actor: annotator, slug: project.slug, view: "agreement" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(refreshProjectView({ actor: otherLead, slug: project.slug, view: "agreement" })).rejects.toMatchObject({ code: "not_found" });
    const stranger = await createActor("ADMIN", "stranger-admin");
    expect(await db.storedView.count({ where: { projectId: project.id, dirtySince: { not: null } } })).toBe(0);

    await addJudgments(project.id, 1, [annotator.id, lead.id]);
    expect(await refreshProjectView({ actor: lead, slug: project.slug, view: "agreement" })).toEqual({ recomputing: 1, done: true });
    expect((await serveAgreement({ projectId: project.id, identityScope: "members", intervals: false })).payload?.agreement.judgments).toBe(8);
    expect((await refreshProjectView({ actor: stranger, slug: project.slug, view: "agreement" })).done).toBe(true);
    expect((await refreshProjectView({ actor: admin, slug: project.slug, view: "bias" })).recomputing).toBe(0);
  });

  it("name annotators as the reader's scope allows now, not as when the result was stored", async () => {
    const { lead, annotator, project } = await createCast();
    await addJudgments(project.id, 2, [annotator.id, lead.id]);
    const key = await getPseudonymKey(project.id);
    const names = async (scope: "all" | "members" | "none") =>
      Object.fromEntries(Object.entries((await serveAgreement({ projectId: project.id, identityScope: scope, intervals: false })).payload!.identities).map(([p, who]) => [p, who.name]));
    expect(await names("members")).toEqual({ [pseudonymFor(annotator.id, key)]: "annotator", [pseudonymFor(lead.id, key)]: "lead" });
    expect(await names("none")).toEqual({});
    await db.membership.deleteMany({ where: { projectId: project.id, userId: annotator.id } });
    // The stored result is the same one; the removed annotator is a pseudonym to the lead at once, still named for admins.
    expect(await names("members")).toEqual({ [pseudonymFor(lead.id, key)]: "lead" });
    expect(await names("all")).toEqual({ [pseudonymFor(annotator.id, key)]: "annotator", [pseudonymFor(lead.id, key)]: "lead" });
    expect(await db.storedView.count({ where: { projectId: project.id } })).toBe(1);
  });
});
