import { describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { createCast } from "@/test/admin-fixtures";
import { db } from "@/lib/db";
import { listGuidelinesVersions } from "./list-guidelines-versions";

withTestDb();

describe("listGuidelinesVersions", () => {
  it("lists every kept version, newest first, for the project's leads and admins only", async () => {
    const { admin, lead, otherLead, annotator, project } = await createCast();
    await db.guidelinesVersion.createMany({
      data: [
        { projectId: project.id, version: 1, text: "v1" },
        { projectId: project.id, version: 2, text: "v2" },
      ],
    });
    expect((await listGuidelinesVersions({ actor: lead, slug: project.slug })).map((v) => [v.version, v.text])).toEqual([
      [2, "v2"],
      [1, "v1"],
    ]);
    await expect(listGuidelinesVersions({ actor: admin, slug: project.slug, limit: 1 })).resolves.toHaveLength(1);
    await expect(listGuidelinesVersions({ actor: otherLead, slug: project.slug })).rejects.toMatchObject({ code: "not_found" });
    await expect(listGuidelinesVersions({ actor: annotator, slug: project.slug })).rejects.toMatchObject({ code: "forbidden" });
  });
});
