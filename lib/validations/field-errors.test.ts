import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createProjectInput, updateProjectInput } from "./project";
import { exportQuery } from "./export";
import { createInviteInput } from "./invite";
import { fieldErrorsOf, summariseFieldErrors } from "./field-errors";

/** Issue 11, item 8: form errors in words, each under its field's name. */
const errorsOf = (schema: z.ZodType, input: unknown) => {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error("expected a refusal");
  return fieldErrorsOf(schema, parsed.error.issues);
};

describe("fieldErrorsOf", () => {
  it("names the adaptive-overlap fields: k ≤ K, both or neither, a share above one half", () => {
    const action = z.object({ project: z.null(), values: createProjectInput });
    const base = { slug: "ok-slug", name: "ok" };
    expect(errorsOf(action, { project: null, values: { ...base, overlap_min: 4, overlap_max: 3 } })).toEqual({
      overlap_max: "Must be at least the minimum overlap k (4)",
    });
    expect(errorsOf(action, { project: null, values: { ...base, overlap_min: 2 } })).toEqual({
      overlap_max: "Set the maximum overlap K too (or clear both for a fixed overlap)",
    });
    expect(errorsOf(action, { project: null, values: { ...base, overlap_min: 0, overlap_max: 99, stop_share: 0.5, stop_on: "vote" } })).toEqual({
      overlap_min: "Minimum overlap k must be at least 1",
      overlap_max: "Maximum overlap K must be at most 50",
      stop_share: "Must be above 0.5 (a majority) and at most 1 (unanimous only)",
      stop_on: 'Must be "share" or "bound"',
    });
    expect(createProjectInput.safeParse({ ...base, overlap_min: 2, overlap_max: 5, stop_share: 1, stop_on: "bound" }).success).toBe(true);
    // A PATCH may send one of the pair (updateProject checks it against the stored other) or clear both.
    expect(updateProjectInput.safeParse({ overlap_max: 4 }).success).toBe(true);
    expect(updateProjectInput.safeParse({ overlap_min: null, overlap_max: null }).success).toBe(true);
    expect(errorsOf(z.object({ values: updateProjectInput }), { values: { overlap_min: 3, overlap_max: 2 } })).toEqual({
      overlap_max: "Must be at least the minimum overlap k (3)",
    });
  });

  it("names the project form's fields without the action's wrapper, in words", () => {
    const action = z.object({ project: z.null(), values: createProjectInput });
    const errors = errorsOf(action, {
      project: null,
      values: { slug: "Bad Slug", name: "", overlap: 99, lease_minutes: "x", attributes: [{ key: "K", label: "ok", min: 3, max: 1 }] },
    });
    expect(errors).toEqual({
      slug: "Use lowercase letters, digits and - (e.g. helpfulness-v2)",
      name: "Enter a name",
      overlap: "Overlap must be between 1 and 50",
      "attributes.0.key": "Use lowercase letters, digits and _ (e.g. helpfulness_a)",
      "attributes.0": "Max must be greater than min",
      lease_minutes: "Lease (minutes) must be a number between 1 and 1440",
    });
    // No developer wording left: no paths, no "Too big: expected…".
    expect(Object.values(errors).join(" ")).not.toMatch(/values\.|Too (big|small)|expected number|<=|>=/);
    expect(summariseFieldErrors({ slug: errors.slug!, overlap: errors.overlap! })).toBe(
      "Check these 2 fields: Slug: Use lowercase letters, digits and - (e.g. helpfulness-v2); Overlap must be between 1 and 50.",
    );
  });

  it("gives a number's whole range, and the first error per field only", () => {
    expect(errorsOf(exportQuery, { min_agreement: "1.5" })).toEqual({ min_agreement: "Minimum agreement must be between 0 and 1" });
    expect(errorsOf(z.object({ project: z.string(), values: updateProjectInput }), { project: "p", values: { overlap: 0 } })).toEqual({
      overlap: "Overlap must be between 1 and 50",
    });
    const invite = errorsOf(createInviteInput, { role: "boss", uses: 0, expires_in_days: 9999 });
    expect(invite.role).toMatch(/^Role must be one of: /);
    expect(invite.uses).toMatch(/^Uses must be /);
    expect(invite.expires_in_days).toBe("Expiry must be at most 365"); // the schema's own words, capitalised
  });
});
