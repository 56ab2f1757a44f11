import { describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { createProjectWith } from "@/test/admin-fixtures";
import { db } from "@/lib/db";
import { listModelNames } from "./list-model-names";

withTestDb();

describe("listModelNames", () => {
  it("lists each model name once, from both sides, sorted, for one project", async () => {
    const project = await createProjectWith({});
    const other = await createProjectWith({});
    const item = (projectId: string, externalId: string, modelA: string | null, modelB: string | null) => ({
      projectId, externalId, prompt: "p", promptText: "p", responseA: "a", responseB: "b", modelA, modelB,
    });
    await db.item.createMany({
      data: [item(project.id, "1", "zeta", "alpha"), item(project.id, "2", "alpha", null), item(project.id, "3", null, "mid"), item(other.id, "1", "elsewhere", "x")],
    });
    expect(await listModelNames({ projectId: project.id })).toEqual(["alpha", "mid", "zeta"]);
    expect(await listModelNames({ projectId: project.id, limit: 2 })).toEqual(["alpha", "mid"]);
  });
});
