import { beforeAll, describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { routeContext, unique, userWithToken } from "@/test/api-fixtures";
import { POST as importItems } from "@/app/api/v1/projects/[slug]/items/route";
import { POST as preview } from "@/app/admin/projects/[slug]/import/preview/route";
import type { ImportPreviewJson } from "@/lib/validations/item-import";

/**
 * Issue 11, item 10: the import page's preview applies every rule the import
 * applies, with the same messages — a gold value of 9 on a ±3 scale is a bad
 * line in both, never a good row in the preview that the import then refuses.
 */
withTestDb();
let lead: { token: string; id: string };
beforeAll(async () => {
  lead = await userWithToken("lead", "LEAD");
});

const line = (fields: Record<string, unknown>) => JSON.stringify({ prompt: "Explain RLHF.", response_a: "A", response_b: "B", ...fields });

async function post(handler: typeof preview, url: string, slug: string, body: string) {
  const headers = new Headers({ Authorization: `Bearer ${lead.token}`, "Content-Type": "application/x-ndjson" });
  const response = await handler(new Request(url, { method: "POST", headers, body }), routeContext({ slug }));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("import preview", () => {
  it("refuses every line the import refuses, with the same reason, and names ids the project holds", async () => {
    const project = await db.project.create({ data: { slug: `prev-${unique()}`, name: "Preview", scale: 3 } });
    await db.membership.create({ data: { userId: lead.id, projectId: project.id, role: "LEAD" } });
    await db.item.create({ data: { projectId: project.id, externalId: "held", prompt: "p", promptText: "p", responseA: "a", responseB: "b" } });
    const file = [
      line({ id: "ok" }), //                               1 good
      line({ id: "gold", gold_preference: 9 }), //         2 outside ±3
      line({ id: "ok" }), //                               3 duplicate id in the file
      "{nope", //                                          4 not JSON
      line({ prompt: "same", id: undefined }), //          5 hashed id
      line({ prompt: "same", id: undefined }), //          6 same texts as line 5
      line({ id: "neg", gold_preference: -3 }), //         7 good: on the scale's edge
      line({ id: "held" }), //                             8 the project holds it already
    ].join("\n");

    const shown = await post(preview, `http://localhost/admin/projects/${project.slug}/import/preview?format=jsonl`, project.slug, file);
    expect(shown.status).toBe(200);
    const entries = (shown.body as ImportPreviewJson).entries;
    const checked = await post(importItems, `http://localhost/api/v1/projects/${project.slug}/items?dry_run=1`, project.slug, file);
    expect(checked.status).toBe(422); // all-or-nothing: the bad lines refuse the file
    const importErrors = checked.body.errors as { line: number; reason: string }[];

    expect(importErrors.map((e) => e.line)).toEqual([2, 3, 4, 6]);
    expect(importErrors[0]!.reason).toBe("gold_preference: 9 is outside the project's scale −3..3");
    // The same lines are bad in the preview, each with the import's own words.
    expect(entries.flatMap((entry) => ("error" in entry ? [{ line: entry.line, reason: entry.error }] : []))).toEqual(importErrors);
    expect(entries.flatMap((entry) => ("error" in entry ? [] : [[entry.line, entry.in_project]]))).toEqual([
      [1, false],
      [5, false],
      [7, false],
      [8, true],
    ]);
    expect(checked.body).toMatchObject({ imported: 0, duplicates: 1, duplicate_ids: ["held"] });
  });
});
