import { describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { createActor, createCast } from "@/test/admin-fixtures";
import { createItems } from "@/lib/assignment/test-fixtures";
import { db } from "@/lib/db";
import { getProgressDashboard } from "./get-progress-dashboard";

withTestDb();

const now = new Date("2026-05-31T12:00:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const daysAgo = (d: number) => new Date(now.getTime() - d * 24 * 3600_000);

describe("getProgressDashboard", () => {
  it("counts judgments per day, per annotator (median time, skips, last active) and who is active now", async () => {
    const { admin, lead, annotator, otherLead, project } = await createCast();
    const busy = await createActor("ANNOTATOR", "busy");
    await db.membership.create({ data: { userId: busy.id, projectId: project.id, role: "ANNOTATOR" } });
    const items = await createItems(project.id, 6);
    const judge = (userId: string, item: number, createdAt: Date, durationMs: number | null) =>
      db.judgment.create({
        data: { itemId: items[item]!.id, userId, preference: 1, guidelinesVersion: 1, clientId: `c-${userId}-${item}`, durationMs, createdAt, updatedAt: createdAt },
      });
    // busy: three judgments, today and yesterday, 10 s / 20 s / 60 s → median 20 s.
    await judge(busy.id, 0, minutesAgo(3), 10_000);
    await judge(busy.id, 1, daysAgo(1), 20_000);
    await judge(busy.id, 2, daysAgo(1), 60_000);
    // annotator: one judgment 40 days ago (outside the chart) without a time, one skip.
    await judge(annotator.id, 0, daysAgo(40), null);
    await db.skip.create({ data: { itemId: items[3]!.id, userId: annotator.id, reason: "unclear", createdAt: daysAgo(2) } });
    // lead holds a fresh lease: active now without a judgment.
    await db.assignment.create({ data: { itemId: items[4]!.id, userId: lead.id, swapped: false, leasedAt: minutesAgo(1), expiresAt: minutesAgo(-29) } });
    // A fresh skip counts as activity too.
    const skipper = await createActor("ANNOTATOR", "skipper");
    await db.skip.create({ data: { itemId: items[5]!.id, userId: skipper.id, reason: "no", createdAt: minutesAgo(5) } });
    // A judgment in another project never shows up here.
    const elsewhere = await db.project.create({ data: { slug: `elsewhere-${Date.now()}`, name: "x" } });
    const [other] = await createItems(elsewhere.id, 1);
    await db.judgment.create({ data: { itemId: other!.id, userId: busy.id, preference: 1, guidelinesVersion: 1, clientId: "c-elsewhere", createdAt: minutesAgo(1) } });

    const dash = await getProgressDashboard({ actor: lead, slug: project.slug, now });
    expect(dash.days).toHaveLength(30);
    expect(dash.days[0]!.date).toBe("2026-05-02");
    expect(dash.days.at(-1)).toEqual({ date: "2026-05-31", judgments: 1 });
    expect(dash.days.at(-2)).toEqual({ date: "2026-05-30", judgments: 2 });
    expect(dash.days.reduce((sum, d) => sum + d.judgments, 0)).toBe(3);

    const by = new Map(dash.annotators.map((a) => [a.name, a]));
    expect(dash.annotators[0]!.name).toBe("busy");
    expect(by.get("busy")).toMatchObject({ judgments: 3, medianSeconds: 20, skips: 0, member: true, lastActiveAt: minutesAgo(3) });
    expect(by.get("annotator")).toMatchObject({ judgments: 1, medianSeconds: null, skips: 1, lastActiveAt: daysAgo(2) });
    expect(by.get("lead")).toMatchObject({ judgments: 0, skips: 0, lastActiveAt: minutesAgo(1) });
    expect(by.get("skipper")).toMatchObject({ judgments: 0, skips: 1, member: false });
    expect(dash.activeNow.map((a) => a.name)).toEqual(["lead", "busy", "skipper"]);

    await expect(getProgressDashboard({ actor: admin, slug: project.slug, now })).resolves.toMatchObject({ activeMinutes: 10 });
    await expect(getProgressDashboard({ actor: otherLead, slug: project.slug })).rejects.toMatchObject({ code: "not_found" });
    await expect(getProgressDashboard({ actor: annotator, slug: project.slug })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("gives 30 zero days for a project without judgments", async () => {
    const { lead, project } = await createCast();
    const dash = await getProgressDashboard({ actor: lead, slug: project.slug });
    expect(dash.days.every((d) => d.judgments === 0)).toBe(true);
    expect(dash.days).toHaveLength(30);
    expect(dash.activeNow).toEqual([]);
  });
});
