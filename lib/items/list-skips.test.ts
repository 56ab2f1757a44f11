import { describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { createActor, createCast } from "@/test/admin-fixtures";
import { getPseudonymKey, pseudonymFor } from "@/lib/export/pseudonym";
import { listSkips } from "./list-skips";

withTestDb();

describe("listSkips", () => {
  it("lists a project's skips newest first, in pages, naming annotators only as the identity scope allows", async () => {
    const { admin, lead, otherLead, annotator, project, otherProject } = await createCast();
    const outsider = await createActor("ANNOTATOR", "outsider"); // skipped, then left the project
    const start = new Date("2026-03-01T10:00:00Z").getTime();
    const item = (n: number, projectId = project.id) =>
      db.item.create({ data: { projectId, externalId: `it-${n}`, prompt: `prompt ${n}`, promptText: `prompt ${n} ${"x".repeat(500)}`, responseA: "a", responseB: "b" } });
    const [one, two, three] = [await item(1), await item(2), await item(3)];
    const elsewhere = await item(9, otherProject.id);
    await db.skip.createMany({
      data: [
        { itemId: one.id, userId: annotator.id, reason: "not my language", createdAt: new Date(start) },
        { itemId: two.id, userId: annotator.id, reason: "needs a doctor", createdAt: new Date(start + 1000) },
        { itemId: three.id, userId: outsider.id, reason: "too long", createdAt: new Date(start + 2000) },
        { itemId: elsewhere.id, userId: annotator.id, reason: "other project", createdAt: new Date(start + 3000) },
      ],
    });

    const first = await listSkips({ actor: lead, slug: project.slug, limit: 2 });
    expect(first.total).toBe(3);
    expect(first.totalIsLowerBound).toBe(false);
    expect(first.skips.map((s) => [s.itemId, s.reason])).toEqual([
      ["it-3", "too long"],
      ["it-2", "needs a doctor"],
    ]);
    // The outsider is no member: the lead sees the project pseudonym; the member annotator by name.
    const key = await getPseudonymKey(project.id);
    expect(first.skips[0]!.annotator).toEqual({ id: outsider.id, name: pseudonymFor(outsider.id, key) });
    expect(first.skips[1]!.annotator).toEqual({ id: annotator.id, name: "annotator" });
    expect(first.skips[0]!.promptPreview).toHaveLength(120);
    expect(first.nextCursor).not.toBeNull();

    const second = await listSkips({ actor: lead, slug: project.slug, limit: 2, cursor: first.nextCursor! });
    expect(second.skips.map((s) => s.itemId)).toEqual(["it-1"]);
    expect(second.nextCursor).toBeNull();
    expect(second.skips[0]!.createdAt.toISOString()).toBe("2026-03-01T10:00:00.000Z");

    // Over the API a lead sees pseudonyms only, members included; an admin still sees names.
    const api = await listSkips({ actor: lead, slug: project.slug, use: "export" });
    expect(api.skips.map((s) => s.annotator.name)).toEqual([pseudonymFor(outsider.id, key), pseudonymFor(annotator.id, key), pseudonymFor(annotator.id, key)]);
    expect((await listSkips({ actor: admin, slug: project.slug, use: "export" })).skips[1]!.annotator.name).toBe("annotator");

    // An admin sees every name.
    expect((await listSkips({ actor: admin, slug: project.slug })).skips[0]!.annotator.name).toBe("outsider");
    // Annotators and other projects' leads are refused.
    await expect(listSkips({ actor: annotator, slug: project.slug })).rejects.toMatchObject({ code: "forbidden" });
    await expect(listSkips({ actor: otherLead, slug: project.slug })).rejects.toMatchObject({ code: "not_found" });
    await expect(listSkips({ actor: lead, slug: project.slug, cursor: "bm9wZQ" })).rejects.toMatchObject({ code: "bad_request" });
  });
});
