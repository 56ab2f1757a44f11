import { describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { createActor } from "@/test/api-fixtures";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createItems } from "@/lib/assignment/test-fixtures";
import { listProjects } from "./list-projects";

withTestDb();

async function project(slug: string, createdAt: Date, leadId?: string, overlap = 2) {
  const p = await db.project.create({ data: { slug, name: slug, guidelines: "long text", overlap, createdAt } });
  if (leadId) await db.membership.create({ data: { userId: leadId, projectId: p.id, role: "LEAD" } });
  return p;
}

describe("listProjects", () => {
  it("lists everything for an admin and the led projects for a lead, newest first, with progress", async () => {
    const lead = await createActor("lead", "LEAD");
    const admin = await createActor("admin", "ADMIN");
    const a = await project("a-led", new Date("2026-01-01"), lead.id, 2);
    await project("b-other", new Date("2026-01-02"));
    const c = await project("c-led", new Date("2026-01-03"), lead.id);
    // A project where the lead is only an annotator is not theirs to run.
    const d = await project("d-annotated", new Date("2026-01-04"));
    await db.membership.create({ data: { userId: lead.id, projectId: d.id, role: "ANNOTATOR" } });
    await createItems(a.id, 3);
    // Items: 2 judgments (complete at overlap 2), 1, 0.
    const items = await db.item.findMany({ where: { projectId: a.id }, orderBy: { createdAt: "asc" } });
    await db.item.update({ where: { id: items[0]!.id }, data: { judgmentCount: 2, votesA: 2 } });
    await db.item.update({ where: { id: items[1]!.id }, data: { judgmentCount: 1, votesA: 1 } });

    const led = await listProjects({ actor: lead });
    expect(led.projects.map((p) => p.slug)).toEqual(["c-led", "a-led"]);
    expect(led.next_cursor).toBeNull();
    expect(led.projects[1]).toMatchObject({ slug: "a-led", status: "draft", overlap: 2, progress: { items: 3, items_complete: 1, judgments: 3, wanted: 6 } });
    expect(led.projects[0]!.progress).toEqual({ items: 0, items_complete: 0, judgments: 0, wanted: 0 });
    expect(led.projects[0]).not.toHaveProperty("guidelines");
    expect(led.projects[0]!.id).toBe(c.id);

    const all = await listProjects({ actor: admin });
    expect(all.projects.map((p) => p.slug)).toEqual(["d-annotated", "c-led", "b-other", "a-led"]);
  });

  it("pages with an opaque cursor, also across equal creation times", async () => {
    const admin = await createActor("admin", "ADMIN");
    const same = new Date("2030-01-01");
    for (const slug of ["p1", "p2", "p3", "p4", "p5"]) await project(`page-${slug}`, same);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listProjects({ actor: admin, limit: 2, cursor });
      seen.push(...page.projects.map((p) => p.slug));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    const pageSlugs = seen.filter((s) => s.startsWith("page-"));
    expect(pageSlugs.sort()).toEqual(["page-p1", "page-p2", "page-p3", "page-p4", "page-p5"]);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("refuses annotators, bad cursors and bad limits", async () => {
    const annotator = await createActor("annotator");
    const admin = await createActor("admin", "ADMIN");
    for (const call of [
      listProjects({ actor: annotator }),
      listProjects({ actor: admin, cursor: "nonsense" }),
      listProjects({ actor: admin, limit: 0 }),
      listProjects({ actor: admin, limit: 201 }),
    ]) {
      const error = await call.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
    }
    expect(await listProjects({ actor: annotator }).catch((e: AppError) => e.code)).toBe("forbidden");
  });
});
