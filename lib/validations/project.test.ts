import { describe, expect, it } from "vitest";
import { describeZodIssues } from "@/lib/errors";
import { addMemberInput, createProjectInput, updateProjectInput } from "./project";
import { attributeQuestions } from "./judgment";

function problems(schema: typeof createProjectInput | typeof updateProjectInput, value: unknown): string {
  const result = schema.safeParse(value);
  return result.success ? "ok" : describeZodIssues(result.error.issues);
}

describe("createProjectInput", () => {
  it("fills the defaults docs/architecture.md lists under Projects", () => {
    expect(createProjectInput.parse({ slug: "helpfulness-v2", name: " Helpfulness " })).toEqual({
      slug: "helpfulness-v2",
      name: "Helpfulness",
      description: "",
      guidelines: "",
      scale: 3,
      allow_tie: true,
      require_rationale: false,
      overlap: 3,
      attributes: [],
      status: "DRAFT",
      lease_minutes: 30,
      sampling: "uniform",
    });
  });

  it("accepts a status in either case and stores it uppercase", () => {
    expect(createProjectInput.parse({ slug: "ab", name: "n", status: "active" }).status).toBe("ACTIVE");
    expect(createProjectInput.parse({ slug: "ab", name: "n", status: "PAUSED" }).status).toBe("PAUSED");
    expect(problems(createProjectInput, { slug: "ab", name: "n", status: "Live" })).toMatch(/^status:/);
  });

  it("names each bad field", () => {
    expect(problems(createProjectInput, { slug: "A b", name: "n" })).toBe("slug: use lowercase letters, digits and - (e.g. helpfulness-v2)");
    expect(problems(createProjectInput, { slug: "a", name: "n" })).toBe("slug: use at least 2 characters");
    expect(problems(createProjectInput, { slug: "x".repeat(61), name: "n" })).toBe("slug: use at most 60 characters");
    expect(problems(createProjectInput, { slug: "new", name: "n" })).toBe("slug: this name is reserved; choose another");
    expect(problems(createProjectInput, { slug: "ab", name: "  " })).toBe("name: enter a name");
    expect(problems(createProjectInput, { slug: "ab", name: "n", scale: 6 })).toMatch(/^scale:/);
    expect(problems(createProjectInput, { slug: "ab", name: "n", scale: 2.5 })).toMatch(/^scale:/);
    expect(problems(createProjectInput, { slug: "ab", name: "n", overlap: 0 })).toMatch(/^overlap:/);
    expect(problems(createProjectInput, { slug: "ab", name: "n", overlap: 51 })).toMatch(/^overlap:/);
    expect(problems(createProjectInput, { slug: "ab", name: "n", lease_minutes: 1441 })).toMatch(/^lease_minutes:/);
    expect(problems(createProjectInput, { slug: "ab", name: "n", allow_tie: "yes" })).toMatch(/^allow_tie:/);
  });

  it("refuses unknown keys, so a camelCase typo is not silently dropped", () => {
    expect(problems(createProjectInput, { slug: "ab", name: "n", allowTie: false })).toMatch(/allowTie/);
  });

  it("limits the guidelines to 200 KB of UTF-8", () => {
    expect(problems(createProjectInput, { slug: "ab", name: "n", guidelines: "x".repeat(200 * 1024) })).toBe("ok");
    expect(problems(createProjectInput, { slug: "ab", name: "n", guidelines: "é".repeat(110 * 1024) })).toBe("guidelines: must be at most 200 KB of text");
  });

  it("checks the attribute questions: key shape, range, unique keys", () => {
    const helpful = { key: "helpfulness_a", label: "Helpfulness of A", min: 1, max: 5 };
    expect(problems(createProjectInput, { slug: "ab", name: "n", attributes: [helpful] })).toBe("ok");
    expect(problems(createProjectInput, { slug: "ab", name: "n", attributes: [{ ...helpful, min: 5, max: 1 }] })).toBe("attributes.0: max must be greater than min");
    expect(problems(createProjectInput, { slug: "ab", name: "n", attributes: [{ ...helpful, key: "Help" }] })).toMatch(/^attributes\.0\.key:/);
    expect(problems(createProjectInput, { slug: "ab", name: "n", attributes: [helpful, helpful] })).toBe("attributes: each attribute key must be used once");
  });
});

describe("updateProjectInput", () => {
  it("takes any subset and adds no defaults", () => {
    expect(updateProjectInput.parse({})).toEqual({});
    expect(updateProjectInput.parse({ overlap: 5, status: "archived" })).toEqual({ overlap: 5, status: "ARCHIVED" });
    expect(problems(updateProjectInput, { scale: 0 })).toMatch(/^scale:/);
  });
});

describe("addMemberInput", () => {
  it("normalises the email and role", () => {
    expect(addMemberInput.parse({ email: " Ana@Example.COM ", role: "lead" })).toEqual({ email: "ana@example.com", role: "LEAD" });
    expect(addMemberInput.safeParse({ email: "ana@example.com", role: "admin" }).success).toBe(false);
    expect(addMemberInput.safeParse({ email: "not an email", role: "annotator" }).success).toBe(false);
  });
});

it("the judgment code's attributeQuestions is this schema", () => {
  expect(attributeQuestions.safeParse([{ key: "harm", label: "Harm", min: 0, max: 2 }]).success).toBe(true);
  expect(attributeQuestions.safeParse([{ key: "x" }]).success).toBe(false);
});
