import { beforeAll, describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { annotatorIdentityScope, getProjectForActor, loadActor } from "./permissions";

withTestDb();
const ids: Record<string, string> = {};
beforeAll(async () => {
  for (const [key, role] of [["admin", "ADMIN"], ["lead", "LEAD"], ["otherLead", "LEAD"], ["annotator", "ANNOTATOR"], ["outsider", "ANNOTATOR"]] as const) {
    ids[key] = (await db.user.create({ data: { email: `${key}@x.test`, name: key, role } })).id;
  }
  await db.project.create({
    data: {
      slug: "p", name: "P", status: "ACTIVE",
      memberships: { create: [{ userId: ids.lead!, role: "LEAD" }, { userId: ids.annotator!, role: "ANNOTATOR" }] },
    },
  });
  await db.project.create({ data: { slug: "paused", name: "Paused", status: "PAUSED", memberships: { create: [{ userId: ids.annotator!, role: "ANNOTATOR" }] } } });
});

const access = async (who: string, slug: string, kind: "view" | "annotate" | "lead") =>
  getProjectForActor({ actor: await loadActor(ids[who]), slug, access: kind }).then(() => "ok", (e: { code: string }) => e.code);

describe("permissions", () => {
  it.each([
    ["admin", "lead", "ok"], ["lead", "lead", "ok"], ["otherLead", "lead", "not_found"], ["annotator", "lead", "forbidden"],
    ["annotator", "annotate", "ok"], ["outsider", "view", "not_found"], ["otherLead", "view", "not_found"],
  ] as const)("%s asking for %s access to a project → %s", async (who, kind, expected) => {
    expect(await access(who, "p", kind)).toBe(expected);
  });

  it("a paused project hands out no items but can still be viewed", async () => {
    expect(await access("annotator", "paused", "annotate")).toBe("conflict");
    expect(await access("annotator", "paused", "view")).toBe("ok");
  });

  it("an unknown project is not found", async () => {
    expect(await access("admin", "nope", "view")).toBe("not_found");
  });

  it.each([
    ["admin", "page", "all"], ["admin", "export", "all"],
    ["lead", "page", "members"], ["lead", "export", "none"],
    ["annotator", "page", "none"], ["annotator", "export", "none"],
  ] as const)("annotatorIdentityScope: %s, for a %s → %s", async (who, use, expected) => {
    const actor = await loadActor(ids[who]);
    const project = await getProjectForActor({ actor, slug: "p", access: "view" });
    expect(annotatorIdentityScope(actor, project, use)).toBe(expected);
  });

  it("a disabled user is out at the next check, and a role change takes effect at once", async () => {
    await db.user.update({ where: { id: ids.annotator! }, data: { disabled: true } });
    await expect(loadActor(ids.annotator)).rejects.toMatchObject({ code: "unauthorized" });
    await db.user.update({ where: { id: ids.annotator! }, data: { disabled: false } });
    await db.membership.update({ where: { userId_projectId: { userId: ids.lead!, projectId: (await db.project.findUniqueOrThrow({ where: { slug: "p" } })).id } }, data: { role: "ANNOTATOR" } });
    expect(await access("lead", "p", "lead")).toBe("forbidden");
    await expect(loadActor(undefined)).rejects.toMatchObject({ code: "unauthorized" });
  });

});
