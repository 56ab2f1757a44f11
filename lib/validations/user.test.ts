import { describe, expect, it } from "vitest";
import { createUserInput, joinInput } from "./user";

describe("new account emails", () => {
  it("refuses the .invalid domain that external annotators live in, for the join form and for admins", () => {
    const join = { code: "invite-code-0001", name: "Eve", password: "long-enough-pass" };
    for (const email of ["vendor@external.invalid", "ext-00ff@EXTERNAL.INVALID", "x@other.invalid"]) {
      const joined = joinInput.safeParse({ ...join, email });
      expect(joined.success).toBe(false);
      expect(joined.error?.issues[0]?.message).toMatch(/reserved/);
      expect(createUserInput.safeParse({ email, password: "long-enough-pass", role: "annotator" }).success).toBe(false);
    }
    expect(joinInput.safeParse({ ...join, email: "eve@example.com" }).success).toBe(true);
  });
});
