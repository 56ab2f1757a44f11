import { describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { createCast } from "@/test/admin-fixtures";
import { db } from "@/lib/db";
import { getItemDetail } from "./get-item-detail";
import { getPseudonymKey, pseudonymFor } from "@/lib/export/pseudonym";

withTestDb();

describe("getItemDetail", () => {
  it("gives the lead the item, its model names and every judgment with rationale and time spent", async () => {
    const { admin, lead, otherLead, annotator, project } = await createCast();
    const item = await db.item.create({
      data: {
        projectId: project.id,
        externalId: "chat-1",
        prompt: [{ role: "user", content: "Hi" }],
        promptText: "user: Hi",
        responseA: "Hello",
        responseB: "Hey",
        modelA: "model-a",
        modelB: "model-b",
        metadata: { source: "test" },
        goldPreference: -1,
        judgmentCount: 2,
      },
    });
    await db.judgment.create({
      data: { itemId: item.id, userId: annotator.id, preference: -2, rationale: "A is polite", attributes: { helpful_a: 4 }, flags: [], guidelinesVersion: 1, shownSwapped: true, durationMs: 12_500, clientId: "d-1" },
    });
    await db.judgment.create({ data: { itemId: item.id, userId: lead.id, preference: 0, flags: ["both_bad"], guidelinesVersion: 2, clientId: "d-2" } });
    await db.skip.create({ data: { itemId: item.id, userId: admin.id, reason: "not my language" } });

    const detail = await getItemDetail({ actor: lead, slug: project.slug, itemId: "chat-1" });
    expect(detail).toMatchObject({
      itemId: "chat-1",
      prompt: [{ role: "user", content: "Hi" }],
      modelA: "model-a",
      modelB: "model-b",
      metadata: { source: "test" },
      goldPreference: -1,
      judgmentCount: 2,
    });
    expect(detail.judgments).toEqual([
      expect.objectContaining({ annotator: expect.objectContaining({ name: "annotator" }), preference: -2, choice: "A", rationale: "A is polite", attributes: { helpful_a: 4 }, durationMs: 12_500, shownSwapped: true, guidelinesVersion: 1 }),
      expect.objectContaining({ annotator: expect.objectContaining({ name: "lead" }), preference: 0, choice: "tie", flags: ["both_bad"], durationMs: null }),
    ]);
    // The admin who skipped is no member: the lead sees their pseudonym in this project, never their name.
    expect(detail.skips).toEqual([expect.objectContaining({ reason: "not my language", annotator: { id: admin.id, name: pseudonymFor(admin.id, await getPseudonymKey(project.id)) } })]);
    expect(JSON.stringify(detail)).not.toContain(admin.email);

    const forAdmin = await getItemDetail({ actor: admin, slug: project.slug, itemId: "chat-1" });
    expect(forAdmin.skips[0]!.annotator.name).toBe("admin");

    // A removed member's name goes with their membership; their judgment stays, under a pseudonym.
    await db.membership.delete({ where: { userId_projectId: { userId: annotator.id, projectId: project.id } } });
    const afterRemoval = await getItemDetail({ actor: lead, slug: project.slug, itemId: "chat-1" });
    expect(afterRemoval.judgments[0]!.annotator).toEqual({ id: annotator.id, name: pseudonymFor(annotator.id, await getPseudonymKey(project.id)), email: "" });
    expect(JSON.stringify(afterRemoval)).not.toContain(annotator.email);
    await db.membership.create({ data: { userId: annotator.id, projectId: project.id, role: "ANNOTATOR" } });
    await expect(getItemDetail({ actor: lead, slug: project.slug, itemId: "nope" })).rejects.toMatchObject({ code: "not_found" });
    await expect(getItemDetail({ actor: otherLead, slug: project.slug, itemId: "chat-1" })).rejects.toMatchObject({ code: "not_found" });
    // Annotators never see other people's judgments or model names.
    await expect(getItemDetail({ actor: annotator, slug: project.slug, itemId: "chat-1" })).rejects.toMatchObject({ code: "forbidden" });
  });
});
