import { beforeAll, describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { exportProject } from "@/lib/export/export-project";
import { getPseudonymKey, pseudonymFor } from "@/lib/export/pseudonym";
import { collectLines, parseLines, seedExportFixture, seedProject } from "@/lib/export/test-fixtures";
import type { RawLine } from "@/lib/export/format-raw";
import { computeAgreement } from "./compute-agreement";
import { getProjectAgreement } from "./project-agreement";

withTestDb();
let projectId: string;
let users: Awaited<ReturnType<typeof seedExportFixture>>["users"];

beforeAll(async () => {
  ({ project: { id: projectId }, users } = await seedExportFixture());
});

describe("getProjectAgreement", () => {
  it("gives exactly computeAgreement over the project's raw export without gold items", async () => {
    // Gold items are checks, not data: any judgment of one (q-04, imported) is left out.
    const lines = parseLines<RawLine>(await collectLines(exportProject({ projectId, format: "raw", filters: { excludeGold: true } })));
    const expected = computeAgreement(
      lines.map((l) => ({ itemId: l.item_id, annotator: l.annotator, preference: l.preference, shownSwapped: l.shown_swapped, durationMs: l.duration_ms, createdAt: l.created_at })),
      { scale: 3 },
    );
    const result = await getProjectAgreement({ projectId });
    expect(result.scale).toBe(3);
    expect(result.agreement).toEqual(expected);
    expect(result.agreement.judgments).toBe(12);
    // Small batches cross batch boundaries and change nothing.
    expect((await getProjectAgreement({ projectId, batchSize: 2 })).agreement).toEqual(expected);
  });

  it("names annotators by pseudonym and says who each pseudonym is", async () => {
    const key = await getPseudonymKey(projectId);
    const result = await getProjectAgreement({ projectId, identityScope: "all" });
    expect(result.agreement.per_annotator.map((a) => a.annotator)).toEqual(users.map((u) => pseudonymFor(u.id, key)).sort());
    for (const user of users) {
      expect(result.identities[pseudonymFor(user.id, key)]).toEqual({ name: user.name, email: user.email, external: false });
    }
  });

  it("says who a pseudonym is only as far as the identity scope allows: members only, or nobody", async () => {
    const key = await getPseudonymKey(projectId);
    expect((await getProjectAgreement({ projectId })).identities).toEqual({});
    expect((await getProjectAgreement({ projectId, identityScope: "none" })).identities).toEqual({});
    const [member] = users;
    await db.membership.create({ data: { userId: member!.id, projectId, role: "ANNOTATOR" } });
    const forLead = await getProjectAgreement({ projectId, identityScope: "members" });
    expect(forLead.identities).toEqual({ [pseudonymFor(member!.id, key)]: { name: member!.name, email: member!.email, external: false } });
    await db.membership.deleteMany({ where: { projectId } });
  });

  it("lists the most disputed items by external id, least agreement first", async () => {
    const result = await getProjectAgreement({ projectId, disputedLimit: 3 });
    expect(result.agreement.disputed_items).toHaveLength(3);
    // q-03 (−1, +1) agrees least.
    expect(result.agreement.disputed_items[0]).toEqual({ item_id: "q-03", n: 2, percent_agreement: 0, preferences: [-1, 1] });
  });

  it("gives nulls, not NaN, for a project without judgments", async () => {
    const empty = await seedProject();
    const result = await getProjectAgreement({ projectId: empty.id });
    expect(result.agreement).toMatchObject({ items: 0, judgments: 0, percent_agreement: null, mean_cohen_kappa: null, fleiss_kappa: null, krippendorff_alpha_nominal: null });
    expect(result.identities).toEqual({});
  });

  it("reports an unknown project as not found", async () => {
    await expect(getProjectAgreement({ projectId: "nope" })).rejects.toMatchObject({ code: "not_found" });
  });
});
